/**
 * The benchmark runner: `node bench/dist/run.js [--only a,b] [--quick]`.
 * Runs the suite in order, prints each result as it finishes, writes bench/results/<date>.json
 * and regenerates the README's results table. A benchmark that throws is recorded as an error and
 * the run goes on; a missed target is a finding, not a failure: the exit code is 0 unless the
 * runner itself breaks (or the command line is wrong: 64).
 */
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchmarks, SUITE_ORDER } from './benchmarks/index.js';
import { parseRunArgs } from './run-args.js';
import { describeMachine } from './support/machine.js';
import {
  mergeResults,
  readResultsFile,
  renderConsoleResult,
  renderResultsTable,
  replaceBetweenMarkers,
  resultsFileName,
  writeResultsFile,
  type BenchOutcome,
  type ResultsFile,
} from './support/results.js';

/** bench/dist/run.js -> the repository root two levels up. */
function repoRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
}

async function main(): Promise<number> {
  const parsed = parseRunArgs(process.argv.slice(2), SUITE_ORDER);
  if ('error' in parsed) {
    console.error(`${parsed.error}\nusage: node bench/dist/run.js [--only ${SUITE_ORDER.join(',')}] [--quick]`);
    return 64;
  }
  const root = repoRoot();
  const benchDir = path.join(root, 'bench');
  const selected = parsed.only ?? [...SUITE_ORDER];
  const started = new Date();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'ft-bench-'));
  // Stacks keep their state under here and the daemons' own users (mysql, www-data, ...) must
  // traverse to it: mkdtemp's 0700 would stop them.
  await chmod(workDir, 0o711);
  const outcomes: Record<string, BenchOutcome> = {};
  const log = (line: string): void => console.log(`  [${new Date().toISOString().slice(11, 19)}] ${line}`);

  try {
    for (const name of selected) {
      const benchmark = benchmarks.find((b) => b.name === name);
      console.log(`\n>> ${name}${benchmark ? `: ${benchmark.title}` : ''}`);
      let outcome: BenchOutcome;
      if (benchmark === undefined) {
        outcome = { error: 'not written yet (not listed in bench/src/benchmarks/index.ts)' };
      } else {
        const benchWorkDir = path.join(workDir, name);
        try {
          await mkdir(benchWorkDir, { recursive: true });
          await chmod(benchWorkDir, 0o711);
          outcome = await benchmark.run({ repoRoot: root, workDir: benchWorkDir, quick: parsed.quick, log });
        } catch (err) {
          outcome = { error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
        }
      }
      outcomes[name] = outcome;
      console.log(renderConsoleResult(name, outcome));
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }

  const run: ResultsFile = {
    machine: describeMachine(),
    startedAt: started.toISOString(),
    durationS: Math.round((Date.now() - started.getTime()) / 100) / 10,
    benchmarks: outcomes,
  };
  const fileName = resultsFileName(started);
  const file = path.join(benchDir, 'results', fileName);
  const results = mergeResults(await readResultsFile(file), run, parsed.only !== undefined);
  await writeResultsFile(file, results);

  const readmePath = path.join(benchDir, 'README.md');
  const readme = await readFile(readmePath, 'utf8').catch(() => '# Benchmarks\n');
  await writeFile(readmePath, replaceBetweenMarkers(readme, renderResultsTable(results, SUITE_ORDER, fileName)));
  console.log(`\nwrote ${path.relative(root, file)} and the table in bench/README.md`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
