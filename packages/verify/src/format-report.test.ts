import { describe, expect, it } from 'vitest';
import { formatReport } from './format-report.js';
import type { CheckResult } from './types.js';

const RESULTS: CheckResult[] = [
  { name: 'http-redirect', title: 'http://IP/ answers 301', status: 'pass', message: '301 to https://IP', ms: 120 },
  { name: 'grafana-login', title: "Grafana's login answers", status: 'skip', message: 'grafana-server is not installed', ms: 0 },
  { name: 'ssh-login', title: 'ssh USER@IP logs in', status: 'fail', code: 'FT_VERIFY_LOGIN_REFUSED', message: 'the password was refused', ms: 2_500 },
];

describe('formatReport', () => {
  it('prints a line per check, what it found or why it failed below, and a total naming the failures', () => {
    expect(formatReport(RESULTS)).toBe(
      [
        'ok   http-redirect  http://IP/ answers 301 (0.1 s)',
        '                    301 to https://IP',
        "skip grafana-login  Grafana's login answers",
        '                    grafana-server is not installed',
        'FAIL ssh-login      ssh USER@IP logs in (2.5 s)',
        '                    FT_VERIFY_LOGIN_REFUSED: the password was refused',
        '1 of 3 checks passed (1 failed, 1 skipped): ssh-login',
      ].join('\n'),
    );
  });

  it('colours the marks only when asked', () => {
    expect(formatReport(RESULTS)).not.toContain('\u001b[');
    expect(formatReport(RESULTS, { color: true })).toContain('\u001b[31mFAIL\u001b[0m');
  });
});
