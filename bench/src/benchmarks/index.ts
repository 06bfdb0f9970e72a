/**
 * The suite, in the order it runs (issue 7's numbering). One import per benchmark file; each file
 * exports `benchmark: Benchmark` (../types.ts).
 */
import type { Benchmark } from '../types.js';
import { benchmark as agentFootprint } from './agent-footprint.js';
import { benchmark as healthLatency } from './health-latency.js';
import { benchmark as failureDetection } from './failure-detection.js';
import { benchmark as coldStart } from './cold-start.js';
import { benchmark as wordpressThroughput } from './wordpress-throughput.js';
import { benchmark as metricsOverhead } from './metrics-overhead.js';
import { benchmark as backupRestore } from './backup-restore.js';

/** The names in order; a name without a benchmark below is reported as not written yet. */
export const SUITE_ORDER = [
  'agent-footprint',
  'health-latency',
  'failure-detection',
  'cold-start',
  'wordpress-throughput',
  'metrics-overhead',
  'backup-restore',
] as const;

export const benchmarks: Benchmark[] = [agentFootprint, healthLatency, failureDetection, coldStart, wordpressThroughput, metricsOverhead, backupRestore];
