import { describe, expect, it } from 'vitest';
import { parseDebugVars } from './collectors.js';

// Shaped as influxd 1.6 answers (trimmed): one entry per HTTP listener and per database.
const page = JSON.stringify({
  system: { currentTime: '2026-11-22T00:54:30Z', uptime: 6 },
  cmdline: ['influxd', 'run'],
  memstats: { Alloc: 1192832, HeapAlloc: 1269104 },
  'database:metrics': { name: 'database', tags: { database: 'metrics' }, values: { numMeasurements: 1, numSeries: 2 } },
  'database:other': { name: 'database', tags: { database: 'other' }, values: { numMeasurements: 3, numSeries: 5 } },
  write: { name: 'write', tags: null, values: { pointReq: 2, writeOk: 1 } },
  'httpd:127.0.0.1:8086': {
    name: 'httpd',
    tags: { bind: '127.0.0.1:8086' },
    values: { authFail: 0, clientError: 2, pointsWrittenFail: 1, pointsWrittenOK: 2, queryReq: 11, req: 17, serverError: 0, writeReq: 2 },
  },
  'httpd:unix': { name: 'httpd', tags: { bind: 'unix' }, values: { req: 3, queryReq: 1 } },
});

describe('parseDebugVars', () => {
  it('sums the HTTP listeners and databases into the platform fields', () => {
    expect(parseDebugVars(page)).toEqual({
      write_req: 2,
      query_req: 12,
      points_written_ok: 2,
      points_written_fail: 1,
      req: 20,
      client_error: 2,
      server_error: 0,
      series: 7,
      heap_alloc: 1269104,
    });
  });

  it('counts no series before any database holds data', () => {
    const empty = JSON.parse(page) as Record<string, unknown>;
    delete empty['database:metrics'];
    delete empty['database:other'];
    expect(parseDebugVars(JSON.stringify(empty)).series).toBe(0);
  });

  it('refuses a page that is not influxd’s', () => {
    expect(() => parseDebugVars('<html>')).toThrow('not JSON');
    expect(() => parseDebugVars(JSON.stringify({ memstats: { HeapAlloc: 1 } }))).toThrow('no httpd statistics');
  });
});
