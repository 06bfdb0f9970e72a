// The contract between the runner (run.ts) and every benchmark in src/benchmarks/: each file
// exports `benchmark: Benchmark`; the runner gives it a context and records what it returns.

export interface BenchContext {
  repoRoot: string;
  /** A scratch dir of this run, removed at the end. */
  workDir: string;
  /** Quick mode (--quick): shorter durations, for a smoke run. */
  quick: boolean;
  log(line: string): void;
}

export interface Target {
  name: string;
  limit: string;
  value: number;
  unit: string;
  met: boolean;
}

export interface BenchResult {
  figures: Record<string, number | string>; // flat, names like "nginx.rss_mb"
  targets: Target[];
  notes?: string[];
}

export interface Benchmark {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<BenchResult>;
}
