/**
 * The results file (`bench/results/<YYYY-MM-DD>.json`) and the README table made from it.
 * Pure functions apart from the two file helpers at the end, so they are unit-tested.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BenchResult } from '../types.js';
import type { Machine } from './machine.js';
import { machineLine } from './machine.js';

/** A benchmark that threw: recorded in place of its result, and the run goes on. */
export interface BenchError {
  error: string;
}

export type BenchOutcome = BenchResult | BenchError;

export interface ResultsFile {
  machine: Machine;
  startedAt: string;
  durationS: number;
  benchmarks: Record<string, BenchOutcome>;
}

export const README_START = '<!-- results:start -->';
export const README_END = '<!-- results:end -->';

export function isError(outcome: BenchOutcome): outcome is BenchError {
  return 'error' in outcome;
}

/** Today's file name in local time, YYYY-MM-DD.json. */
export function resultsFileName(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.json`;
}

/**
 * What to write: a full run replaces the day's file; a partial run (`--only`) keeps the other
 * benchmarks' latest results from the earlier file of the day and replaces the ones it ran.
 */
export function mergeResults(earlier: ResultsFile | undefined, run: ResultsFile, partial: boolean): ResultsFile {
  if (!partial || earlier === undefined) return run;
  return { ...run, benchmarks: { ...earlier.benchmarks, ...run.benchmarks } };
}

/** Benchmarks in the suite's order first, then any others the file holds. */
function ordered(file: ResultsFile, order: readonly string[]): [string, BenchOutcome][] {
  const names = [...order.filter((n) => n in file.benchmarks), ...Object.keys(file.benchmarks).filter((n) => !order.includes(n))];
  return names.map((n) => [n, file.benchmarks[n] as BenchOutcome]);
}

/** The README's results section: one row per target, an error row per failed benchmark, the machine. */
export function renderResultsTable(file: ResultsFile, order: readonly string[], fileName: string): string {
  const rows = ['| benchmark | target | limit | measured | met |', '|---|---|---|---|---|'];
  for (const [name, outcome] of ordered(file, order)) {
    if (isError(outcome)) {
      rows.push(`| ${name} | (did not run) | | ${cell(firstLine(outcome.error))} | ✗ |`);
      continue;
    }
    if (outcome.targets.length === 0) rows.push(`| ${name} | (no target) | | | |`);
    for (const t of outcome.targets) {
      rows.push(`| ${name} | ${cell(t.name)} | ${cell(t.limit)} | ${formatNumber(t.value)} ${cell(t.unit)} | ${t.met ? '✓' : '✗'} |`);
    }
  }
  return [
    `Latest figures: [\`results/${fileName}\`](results/${fileName}), run started ${file.startedAt}.`,
    '',
    ...rows,
    '',
    `Machine: ${machineLine(file.machine)}.`,
  ].join('\n');
}

/** Replaces what sits between the markers (the markers stay); appends a section if they are missing. */
export function replaceBetweenMarkers(readme: string, content: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  const block = `${README_START}\n${content}\n${README_END}`;
  if (start === -1 || end === -1 || end < start) return `${readme.trimEnd()}\n\n## Latest results\n\n${block}\n`;
  return readme.slice(0, start) + block + readme.slice(end + README_END.length);
}

/** A result printed to the console as it finishes: its targets, then every figure. */
export function renderConsoleResult(name: string, outcome: BenchOutcome): string {
  if (isError(outcome)) return `== ${name}: FAILED\n${outcome.error}`;
  const lines = [`== ${name}`];
  const width = Math.max(10, ...outcome.targets.map((t) => t.name.length), ...Object.keys(outcome.figures).map((k) => k.length));
  for (const t of outcome.targets) {
    lines.push(`  ${t.met ? 'MET   ' : 'MISSED'} ${t.name.padEnd(width)}  ${formatNumber(t.value)} ${t.unit}  (limit ${t.limit})`);
  }
  for (const [key, value] of Object.entries(outcome.figures)) {
    lines.push(`         ${key.padEnd(width)}  ${typeof value === 'number' ? formatNumber(value) : value}`);
  }
  for (const note of outcome.notes ?? []) lines.push(`  note: ${note}`);
  return lines.join('\n');
}

/** Up to 3 significant decimals, no trailing zeros: 0.1234 -> 0.123, 12.5 -> 12.5, 3 -> 3. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return String(Number(value.toFixed(digits)));
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

export async function readResultsFile(file: string): Promise<ResultsFile | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as ResultsFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export async function writeResultsFile(file: string, results: ResultsFile): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
}
