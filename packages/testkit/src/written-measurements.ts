/**
 * What a database holds, measurement by measurement (field keys and their types, tag keys, the
 * services that wrote it), for comparing with the measurement schema (@ft/platform's
 * writtenProblems) after the real collectors wrote to a real InfluxDB.
 */
import type { WrittenMeasurement } from '@ft/platform';
import type { InfluxStatementResult } from './influxdb.js';

export interface InfluxQuerier {
  query(q: string, db?: string): Promise<InfluxStatementResult[]>;
}

/** measurement -> the rows of its series in a SHOW answer. */
async function perMeasurement(influx: InfluxQuerier, q: string, db: string): Promise<Map<string, unknown[][]>> {
  const [result] = await influx.query(q, db);
  if (result?.error) throw new Error(`${q}: ${result.error}`);
  return new Map((result?.series ?? []).map((s) => [s.name, s.values]));
}

export async function readWrittenMeasurements(influx: InfluxQuerier, db: string): Promise<WrittenMeasurement[]> {
  const fields = await perMeasurement(influx, 'SHOW FIELD KEYS', db);
  const tags = await perMeasurement(influx, 'SHOW TAG KEYS', db);
  const services = await perMeasurement(influx, 'SHOW TAG VALUES WITH KEY = "service"', db);
  return [...fields].map(([name, rows]) => ({
    name,
    fields: Object.fromEntries(rows.map((r) => [String(r[0]), String(r[1])])),
    tags: (tags.get(name) ?? []).map((r) => String(r[0])),
    services: (services.get(name) ?? []).map((r) => String(r[1])),
  }));
}
