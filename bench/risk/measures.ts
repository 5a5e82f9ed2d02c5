// What bench/risk/run.ts runs: a list of measures, each printing its own case table. A measure takes
// the parsed options and returns its table, notes and any failed check (which makes the run exit 1).
// The exposure measure is in exposure.ts, the escalation Monte Carlo (10,000 draws ≤ 1 s) in
// escalation.ts; bench/README.md, "Adding a measure", says how to add another.

export interface RiskOptions {
  /** Measured runs per case and seed. */
  runs: number;
  /** Unmeasured runs first, per case and seed, for the JIT. */
  warmup: number;
  /** First seed, and how many seeds per case (seed .. seed + seeds - 1). */
  seed: number;
  seeds: number;
  /** Exposure: unit positions and line vertices per case. */
  positions: number;
  vertices: number;
  /** Exposure: positions the naive reference scans per case and seed (the first ones). */
  subset: number;
  /** A full collection between runs, or null when unavailable. */
  gc: (() => void) | null;
}

export interface MeasureReport {
  title: string;
  /** What was measured, printed above the table. */
  about: string[];
  table: string;
  /** How to read the table, printed below it. */
  notes: string[];
  /** Failed checks (a wrong answer, not a missed target): any makes the run exit 1. */
  failures: string[];
}

export interface RiskMeasure {
  /** For --only. */
  name: string;
  run(options: RiskOptions): MeasureReport;
}
