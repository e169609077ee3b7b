export { openDatabase, type Database, type Db } from './database.ts';
export { migrate } from './migrate.ts';
