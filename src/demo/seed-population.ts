import { Readable } from 'node:stream';
import type { AppContext } from '../app-context.ts';
import { installDefaultCatalogue } from '../registry/catalogue/default-catalogue.ts';
import { importPersons, type ImportProgress } from '../registry/import/import-persons.ts';
import { listParishes } from '../registry/store.ts';
import { generatePopulation } from '../registry/synthetic/generate-population.ts';
import type { SyntheticHousehold } from '../registry/synthetic/synthetic-household.ts';
import { populationCsv } from './population-csv.ts';

export interface SeedPopulationOptions {
  households: number;
  duplicates: number;
  seed?: string;
  /** The day ages are counted on; today by default. */
  today?: string;
  onProgress?: (p: ImportProgress) => void;
  /** Receives each household as generated (the benchmarks keep the planted duplicates). */
  onHousehold?: (h: SyntheticHousehold) => void;
  /** The distribution point a household of this region is assigned to (the demo's points); none when absent. */
  pointOf?: (regionCode: string) => string | null;
}

/**
 * Seeds a synthetic population (realistic Spanish names and addresses, households,
 * people without documents, planted duplicates with registrars' typos) through the
 * CSV import, with the default attribute catalogue. Re-running with the same seed
 * adds nothing: the generator's identifiers are the import's refs.
 */
export async function seedPopulation(ctx: AppContext, options: SeedPopulationOptions) {
  await installDefaultCatalogue(ctx);
  const parishes = await listParishes(ctx.db);
  const population = generatePopulation({
    seed: options.seed ?? 'amparo-demo',
    households: options.households,
    duplicates: options.duplicates,
    parishes,
    today: options.today ?? new Date().toISOString().slice(0, 10),
  });
  const observed = options.onHousehold ? tap(population, options.onHousehold) : population;
  return importPersons(ctx, Readable.from(populationCsv(observed, options.pointOf ? { pointOf: options.pointOf } : {})), {
    actor: { id: null, name: 'amparo seed', role: 'system', regionScopes: ['*'] },
    batchSize: 1000,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

function* tap<T>(items: Iterable<T>, see: (item: T) => void): Generator<T> {
  for (const item of items) {
    see(item);
    yield item;
  }
}
