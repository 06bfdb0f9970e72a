import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MEASUREMENT_NAMES, MEASUREMENTS } from './measurements.js';
import { measurementsTable, TABLE_BEGIN, TABLE_END, withMeasurementsTable } from './measurements-table.js';

const README = path.resolve(__dirname, '../../../services/README.md');

describe("services/README.md's measurement table", () => {
  it('is the table the schema makes (FT_WRITE_README=1 writes it)', async () => {
    const readme = await readFile(README, 'utf8');
    const wanted = withMeasurementsTable(readme);
    if (process.env['FT_WRITE_README'] === '1' && wanted !== readme) await writeFile(README, wanted);
    else expect(readme).toBe(wanted);
  });

  it('has one row per measurement, naming every field', () => {
    const rows = measurementsTable()
      .split('\n')
      .filter((l) => l.startsWith('| `'));
    expect(rows.map((r) => /^\| `(\w+)`/.exec(r)?.[1])).toEqual(MEASUREMENT_NAMES);
    for (const [i, name] of MEASUREMENT_NAMES.entries()) {
      for (const field of Object.keys(MEASUREMENTS[name].fields)) expect(rows[i]).toMatch(new RegExp(`[| ,]${field}[ ,;(|]`));
    }
  });

  it('refuses a README without its markers, and replaces only what is between them', () => {
    expect(() => withMeasurementsTable('# no table here')).toThrow(/lacks the markers/);
    const out = withMeasurementsTable(`before\n${TABLE_BEGIN}\nstale\n${TABLE_END}\nafter`);
    expect(out.startsWith(`before\n${TABLE_BEGIN}\n`)).toBe(true);
    expect(out.endsWith(`\n${TABLE_END}\nafter`)).toBe(true);
    expect(out).not.toContain('stale');
  });
});
