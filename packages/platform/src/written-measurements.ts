/**
 * What an InfluxDB holds after the real collectors wrote to it, compared with the schema: the test
 * that the collectors write exactly the schema, read from the database rather than from the code.
 */
import { BASE_TAGS, isMeasurementName, MEASUREMENTS, type MeasurementName, type MeasurementSpec } from './measurements.js';

/** One measurement as InfluxDB 1.x reports it: SHOW FIELD KEYS, SHOW TAG KEYS, the service tag's values. */
export interface WrittenMeasurement {
  readonly name: string;
  /** Field -> InfluxDB's type of it: float, integer, string or boolean. */
  readonly fields: Readonly<Record<string, string>>;
  readonly tags: readonly string[];
  /** The values of its `service` tag: who wrote it. */
  readonly services: readonly string[];
}

export interface WrittenCheck {
  /** Measurements that must be there (those whose collectors ran). */
  readonly expected?: readonly MeasurementName[];
}

/**
 * Problems as readable lines ([] when none): a measurement, field or tag the schema lacks, a field
 * of another type, a field every point carries or a tag never written, a service writing what the
 * schema says it does not, an expected measurement missing.
 */
export function writtenProblems(written: readonly WrittenMeasurement[], check: WrittenCheck = {}): string[] {
  const problems: string[] = [];
  const names = new Set(written.map((w) => w.name));
  for (const m of check.expected ?? []) if (!names.has(m)) problems.push(`${m}: not written`);
  for (const w of written) {
    if (!isMeasurementName(w.name)) {
      problems.push(`${w.name}: written, but not in the schema`);
      continue;
    }
    const spec: MeasurementSpec = MEASUREMENTS[w.name];
    for (const [field, type] of Object.entries(w.fields)) {
      const f = spec.fields[field];
      if (!f) problems.push(`${w.name}: field ${field} written, but not in the schema`);
      else if (f.type !== type) problems.push(`${w.name}.${field}: written as ${type}, the schema says ${f.type}`);
    }
    for (const [field, f] of Object.entries(spec.fields)) {
      if (!f.absentWhen && !(field in w.fields)) problems.push(`${w.name}: field ${field} never written`);
    }
    const tags = new Set<string>([...spec.tags, ...BASE_TAGS]);
    for (const tag of w.tags) if (!tags.has(tag)) problems.push(`${w.name}: tag ${tag} written, but not in the schema`);
    for (const tag of tags) if (!w.tags.includes(tag)) problems.push(`${w.name}: tag ${tag} never written`);
    if (spec.writtenBy !== 'every agent') {
      const allowed = new Set<string>(spec.writtenBy);
      for (const s of w.services) if (!allowed.has(s)) problems.push(`${w.name}: written by ${s}, the schema says ${spec.writtenBy.join(', ')}`);
    }
  }
  return problems;
}
