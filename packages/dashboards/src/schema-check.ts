/**
 * The query text checked against the measurement schema (@ft/platform). The query builders already
 * refuse an unknown field at compile time; this reads what was built, subqueries and the template
 * variable's SHOW included, so a hand-written query cannot slip past them.
 */
import { isMeasurementName, isServiceName, MEASUREMENTS, tagNames, type MeasurementName, type MeasurementSpec } from '@ft/platform';
import { panelQueries } from './macros.js';
import type { FtDashboard } from './model.js';

/** The measurements a query reads (FROM "x" or FROM "x", "y"), in order, each once. */
export function measurementsRead(query: string): string[] {
  const lists = [...query.matchAll(/FROM ("\w+"(?:\s*,\s*"\w+")*)/g)].map((m) => m[1] as string);
  return [...new Set(lists.flatMap((list) => [...list.matchAll(/"(\w+)"/g)].map((m) => m[1] as string)))];
}

/** The measurements a dashboard's panels read. */
export function measurementsOf(d: FtDashboard): string[] {
  return [...new Set(panelQueries(d).flatMap((q) => measurementsRead(q.target.query)))];
}

/**
 * Every measurement a query reads must be in the schema, and every other quoted name it reads must
 * be a field or tag of those measurements, or a column a subquery of it names (`AS "x"` inside
 * `FROM (...)`). The names a query gives its own columns (`AS "x"`) are not reads.
 */
export function queryProblems(query: string): string[] {
  const read = measurementsRead(query);
  const problems = read.filter((m) => !isMeasurementName(m)).map((m) => `reads measurement "${m}", which no collector writes`);
  const measurements = read.filter(isMeasurementName);
  if (measurements.length === 0) return problems.length ? problems : ['reads no measurement of the schema'];
  const known = new Set<string>([...measurements, ...subqueries(query).flatMap((q) => [...q.matchAll(/AS "(\w+)"/g)].map((m) => m[1] as string))]);
  for (const m of measurements) for (const name of namesOf(m)) known.add(name);
  for (const [, name] of query.replace(/AS "\w+"/g, '').matchAll(/"(\w+)"/g)) {
    if (!known.has(name as string)) problems.push(`"${name}" is no field or tag of ${measurements.join(', ')}`);
  }
  return [...new Set(problems)];
}

/** The text inside each FROM (...) of the query. */
function subqueries(query: string): string[] {
  const out: string[] = [];
  for (const m of query.matchAll(/FROM \(/g)) {
    const start = (m.index ?? 0) + m[0].length;
    let depth = 1;
    let i = start;
    for (; i < query.length && depth > 0; i++) depth += query[i] === '(' ? 1 : query[i] === ')' ? -1 : 0;
    out.push(query.slice(start, i - 1));
  }
  return out;
}

/** The measurements of the schema a query reads that `service` does not write (its dashboard would stay empty). */
export function notWrittenBy(service: string, query: string): string[] {
  return measurementsRead(query)
    .filter(isMeasurementName)
    .filter((m) => {
      const by: MeasurementSpec['writtenBy'] = MEASUREMENTS[m].writtenBy;
      return by !== 'every agent' && !(isServiceName(service) && by.includes(service));
    });
}

function namesOf(m: MeasurementName): string[] {
  return [...Object.keys(MEASUREMENTS[m].fields), ...tagNames(m)];
}
