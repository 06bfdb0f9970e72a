import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  README_END,
  README_START,
  formatNumber,
  mergeResults,
  readResultsFile,
  renderConsoleResult,
  renderResultsTable,
  replaceBetweenMarkers,
  resultsFileName,
  writeResultsFile,
  type ResultsFile,
} from './results.js';

const machine = { cpus: 2, model: 'Test CPU', memGb: 4, kernel: 'Linux 6.1.0', node: 'v20.19.0' };

function file(benchmarks: ResultsFile['benchmarks'], startedAt = '2026-01-02T03:04:05.000Z'): ResultsFile {
  return { machine, startedAt, durationS: 12.3, benchmarks };
}

const coldStart = {
  figures: { cold_p50_s: 14.2, cold_last_ready: 'wordpress' },
  targets: [{ name: 'cold start, max of 3', limit: '<= 20 s', value: 15.1, unit: 's', met: true }],
};
const failure = {
  figures: { exit_max_ms: 812 },
  targets: [
    { name: 'exit | max', limit: '<= 500 ms', value: 812.44, unit: 'ms', met: false },
    { name: 'ready again', limit: '<= 10 s', value: 3.2, unit: 's', met: true },
  ],
};

describe('resultsFileName', () => {
  it('is the local date, zero-padded', () => {
    expect(resultsFileName(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05.json');
  });
});

describe('mergeResults', () => {
  const earlier = file({ 'cold-start': coldStart, 'agent-footprint': { error: 'boom' } }, 'earlier');

  it('keeps the other benchmarks of the day on a partial run and replaces the ones it ran', () => {
    const merged = mergeResults(earlier, file({ 'agent-footprint': failure }, 'now'), true);
    expect(Object.keys(merged.benchmarks).sort()).toEqual(['agent-footprint', 'cold-start']);
    expect(merged.benchmarks['agent-footprint']).toEqual(failure);
    expect(merged.benchmarks['cold-start']).toEqual(coldStart);
    expect(merged.startedAt).toBe('now');
  });

  it('replaces the whole day on a full run', () => {
    const merged = mergeResults(earlier, file({ 'agent-footprint': failure }), false);
    expect(Object.keys(merged.benchmarks)).toEqual(['agent-footprint']);
  });

  it('takes the run as it is when the day has no file yet', () => {
    const run = file({ 'cold-start': coldStart });
    expect(mergeResults(undefined, run, true)).toBe(run);
  });
});

describe('renderResultsTable', () => {
  const table = renderResultsTable(
    file({ 'cold-start': coldStart, 'failure-detection': failure, 'health-latency': { error: 'not written yet\nstack' } }),
    ['health-latency', 'failure-detection', 'cold-start'],
    '2026-01-02.json',
  );

  it('has one row per target in suite order, met marks, escaped cells, and the machine', () => {
    const rows = table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| benchmark'));
    expect(rows).toEqual([
      '| health-latency | (did not run) | | not written yet | ✗ |',
      '| failure-detection | exit \\| max | <= 500 ms | 812 ms | ✗ |',
      '| failure-detection | ready again | <= 10 s | 3.2 s | ✓ |',
      '| cold-start | cold start, max of 3 | <= 20 s | 15.1 s | ✓ |',
    ]);
    expect(table).toContain('results/2026-01-02.json');
    expect(table).toContain('Machine: 2 × Test CPU, 4 GB RAM, Linux 6.1.0, node v20.19.0.');
  });
});

describe('replaceBetweenMarkers', () => {
  it('replaces only what is between the markers', () => {
    const readme = `# B\n\nbefore\n${README_START}\nold table\n${README_END}\nafter\n`;
    expect(replaceBetweenMarkers(readme, 'new')).toBe(`# B\n\nbefore\n${README_START}\nnew\n${README_END}\nafter\n`);
  });

  it('appends a section when the markers are missing', () => {
    const out = replaceBetweenMarkers('# B\n', 'new');
    expect(out).toBe(`# B\n\n## Latest results\n\n${README_START}\nnew\n${README_END}\n`);
    // And a second run replaces, not appends.
    expect(replaceBetweenMarkers(out, 'newer')).toBe(`# B\n\n## Latest results\n\n${README_START}\nnewer\n${README_END}\n`);
  });
});

describe('renderConsoleResult and formatNumber', () => {
  it('prints targets with MET/MISSED, figures and errors', () => {
    const text = renderConsoleResult('failure-detection', failure);
    expect(text).toContain('MISSED exit | max');
    expect(text).toContain('MET    ready again');
    expect(text).toContain('exit_max_ms');
    expect(renderConsoleResult('x', { error: 'boom' })).toBe('== x: FAILED\nboom');
  });

  it('keeps about three significant digits', () => {
    expect(formatNumber(812.44)).toBe('812');
    expect(formatNumber(15.14)).toBe('15.1');
    expect(formatNumber(3.256)).toBe('3.26');
    expect(formatNumber(0.12345)).toBe('0.123');
    expect(formatNumber(3)).toBe('3');
  });
});

describe('results file', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('round-trips through write and read, creating the results dir; a missing file reads undefined', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ft-bench-test-'));
    const target = path.join(dir, 'results', '2026-01-02.json');
    expect(await readResultsFile(target)).toBeUndefined();
    const run = file({ 'cold-start': coldStart });
    await writeResultsFile(target, run);
    expect(await readResultsFile(target)).toEqual(run);
    expect((await readFile(target, 'utf8')).endsWith('}\n')).toBe(true);
  });
});
