import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInfluxdb, type InfluxdbServer } from './influxdb.js';
import { readWrittenMeasurements } from './written-measurements.js';

describe('readWrittenMeasurements (a real influxd)', () => {
  let influx: InfluxdbServer;

  beforeAll(async () => {
    influx = await startInfluxdb();
    await influx.createDatabase('w');
  });

  afterAll(async () => {
    await influx?.destroy();
  });

  it("reads each measurement's field types, tag keys and the services that wrote it", async () => {
    expect(await readWrittenMeasurements(influx, 'w')).toEqual([]);
    const lines = [
      'cpu,service=nginx,pod=nginx-0 usage_percent=1.5,usage_total_seconds=3 1700000000000000000',
      'cpu,service=mysql,pod=mysql-0 usage_total_seconds=4 1700000000000000000',
      'odd,service=x,extra=y n=1i,s="text",b=true 1700000000000000000',
    ];
    const res = await fetch(`${influx.url}/write?db=w`, {
      method: 'POST',
      body: lines.join('\n'),
      headers: { authorization: `Basic ${Buffer.from(`${influx.adminUser}:${influx.adminPassword}`).toString('base64')}` },
    });
    expect(res.status).toBe(204);
    expect(await readWrittenMeasurements(influx, 'w')).toEqual([
      { name: 'cpu', fields: { usage_percent: 'float', usage_total_seconds: 'float' }, tags: ['pod', 'service'], services: ['mysql', 'nginx'] },
      { name: 'odd', fields: { b: 'boolean', n: 'integer', s: 'string' }, tags: ['extra', 'service'], services: ['x'] },
    ]);
  });
});
