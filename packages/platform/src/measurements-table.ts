/**
 * services/README.md's measurement table, made from the schema: the README says what the schema
 * says, and its test (measurements-table.test.ts) fails when the two differ.
 */
import { BASE_TAGS, MEASUREMENTS, type FieldSpec, type MeasurementSpec } from './measurements.js';

/** The README lines between these markers are this module's output. */
export const TABLE_BEGIN = '<!-- measurements table: generated from packages/platform/src/measurements.ts -->';
export const TABLE_END = '<!-- end of the measurements table -->';

const code = (s: string): string => `\`${s}\``;

/** The fields in every point, then those a point may lack, grouped by when. */
function fieldsCell(spec: MeasurementSpec): string {
  const name = ([n, f]: [string, FieldSpec]): string => (f.type === 'float' ? n : `${n} (${f.type})`);
  const fields = Object.entries(spec.fields);
  const always = fields.filter(([, f]) => !f.absentWhen).map(name);
  const when = new Map<string, string[]>();
  for (const entry of fields) {
    const reason = entry[1].absentWhen;
    if (reason) when.set(reason, [...(when.get(reason) ?? []), name(entry)]);
  }
  return [always.join(', '), ...[...when].map(([reason, names]) => `absent ${reason}: ${names.join(', ')}`)].join('; ');
}

/** The table in markdown, one row per measurement in the schema's order. */
export function measurementsTable(): string {
  const rows = Object.entries(MEASUREMENTS).map(([name, m]: [string, MeasurementSpec]) => {
    const tags = m.tags.map(code).join(', ');
    const writtenBy = m.writtenBy === 'every agent' ? 'every agent' : m.writtenBy.join(', ');
    return `| ${code(name)} | ${tags} | ${writtenBy} | ${m.about} | ${fieldsCell(m)} |`;
  });
  return [
    `Every point also carries the tags ${BASE_TAGS.map(code).join(' and ')}. Fields are floats unless marked otherwise.`,
    '',
    '| measurement | tags | written by | what | fields |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** `readme` with the text between the markers replaced by the table; throws when a marker is missing. */
export function withMeasurementsTable(readme: string): string {
  const begin = readme.indexOf(TABLE_BEGIN);
  const end = readme.indexOf(TABLE_END);
  if (begin < 0 || end < begin) throw new Error(`the README lacks the markers ${TABLE_BEGIN} ... ${TABLE_END}`);
  return `${readme.slice(0, begin + TABLE_BEGIN.length)}\n${measurementsTable()}\n${readme.slice(end)}`;
}
