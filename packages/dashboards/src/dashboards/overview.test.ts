import { describe, expect, it } from 'vitest';
import type { FtPanel } from '../model.js';
import { overviewDashboard } from './overview.js';

function failingChecks(): FtPanel {
  const panel = overviewDashboard().panels.find((p) => p.title === 'Failing checks');
  if (!panel || panel.type === 'row') throw new Error('the overview has no "Failing checks" panel');
  return panel;
}

describe('the overview\'s "Failing checks" table', () => {
  it('asks InfluxDB for the failing checks only: the last result per service and check, kept when 0', () => {
    const [target, ...more] = failingChecks().targets ?? [];
    expect(more).toEqual([]);
    expect(target?.resultFormat).toBe('table');
    expect(target?.query).toBe(
      'SELECT "up" FROM (SELECT last("up") AS "up" FROM "health_check" WHERE $timeFilter GROUP BY "service", "check") WHERE "up" = 0 GROUP BY "service", "check"',
    );
  });

  it('shows its columns in one fixed order (service, check, result), whatever order the tags come in, without the time', () => {
    expect(failingChecks().transformations).toEqual([
      {
        id: 'organize',
        options: {
          excludeByName: { Time: true },
          indexByName: { service: 0, check: 1, up: 2 },
          renameByName: { service: 'Service', check: 'Check', up: 'Result (0 = failing)' },
        },
      },
    ]);
  });
});
