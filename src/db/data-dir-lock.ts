import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The embedded database is one process's: two processes opening the same PGlite
 * folder corrupt it. A pid file taken with O_EXCL keeps the second one out with a
 * clear message; a file left by a process that died is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, 'amparo.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        rmSync(file, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new DataDirBusyError(`the data folder ${dir} is in use by amparo process ${pid}; stop it first, or use PostgreSQL (DATABASE_URL) to share a database`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new DataDirBusyError(`could not lock the data folder ${dir}`);
}

export class DataDirBusyError extends Error {}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
