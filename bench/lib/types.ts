/** One line of `npm run bench -- --json`. */
export interface BenchResult {
  /** domain.metric, e.g. http.health */
  name: string;
  value: number;
  unit: string;
  /** The raw baseline measured in the same run, in the same unit. */
  baseline: number;
  /** value / baseline (or baseline / value where lower is better, as `lowerIsBetter` says). */
  ratio: number;
  /** What DESIGN.md asks of the ratio, for the table. */
  target?: string;
  /** Extra figures worth printing (latencies, sizes). */
  notes?: string;
}

export interface BenchEnv {
  quick: boolean;
  /** Superuser URL of a durable PostgreSQL (the one in DATABASE_URL, or a throwaway one). */
  postgresUrl(): Promise<string>;
  /** A new empty database on that server. */
  freshPostgresDatabase(): Promise<string>;
}

export interface Benchmark {
  name: string;
  description: string;
  run(env: BenchEnv): Promise<BenchResult[]>;
}
