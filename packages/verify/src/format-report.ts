/** The results as lines a user reads: one per check, the reason under each failure, a total. */
import type { CheckResult } from './types.js';

export interface ReportOptions {
  /** ANSI colours (default off: callers decide from NO_COLOR and isTTY). */
  color?: boolean;
}

const MARK = { pass: 'ok  ', fail: 'FAIL', skip: 'skip' } as const;
const COLOR = { pass: '\u001b[32m', fail: '\u001b[31m', skip: '\u001b[33m' } as const;
const RESET = '\u001b[0m';

export function formatReport(results: readonly CheckResult[], options: ReportOptions = {}): string {
  const width = Math.max(...results.map((r) => r.name.length), 4);
  const lines: string[] = [];
  for (const r of results) {
    const mark = options.color ? `${COLOR[r.status]}${MARK[r.status]}${RESET}` : MARK[r.status];
    const time = r.status === 'skip' ? '' : ` (${(r.ms / 1000).toFixed(1)} s)`;
    lines.push(`${mark} ${r.name.padEnd(width)}  ${r.title}${time}`);
    const detail = r.status === 'fail' ? `${r.code}: ${r.message}` : r.message;
    lines.push(`${' '.repeat(5 + width + 2)}${detail}`);
  }
  const count = (s: CheckResult['status']): number => results.filter((r) => r.status === s).length;
  const failed = results.filter((r) => r.status === 'fail').map((r) => r.name);
  // Not in a test runner's "N passed, N failed" form: the test command's output contains reports of
  // checks failing on purpose, and only its own closing line may read like a test count.
  lines.push(
    `${count('pass')} of ${results.length} checks passed (${count('fail')} failed, ${count('skip')} skipped)${failed.length > 0 ? `: ${failed.join(', ')}` : ''}`,
  );
  return lines.join('\n');
}
