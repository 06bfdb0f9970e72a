import { spawn, type ChildProcess } from 'node:child_process';
import { MEASUREMENT_NAMES, MEASUREMENTS, pointProblems, writtenProblems } from '@ft/platform';
import { makeTempDir, readWrittenMeasurements, removeDir } from '@ft/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { healthCollector } from '../health-collector.js';
import type { HealthSnapshot } from '../health-state.js';
import type { Collector, MetricPoint } from '../types.js';
import { agentSelfCollector } from './agent-self.js';
import { containerResourcesCollector } from './container-resources.js';
import { diskCollector } from './disk.js';
import { InfluxWriter } from './influx-writer.js';
import { MetricsPipeline, type PointSink } from './metrics-pipeline.js';
import { networkCollector } from './network.js';
import { procstatCollector } from './procstat.js';
import { captureLog, startMetricsInflux, writerTarget } from '../../test/metrics-support.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const baseTags = { service: 'demo', pod: 'demo-0' };

function sink(): PointSink & { rounds: MetricPoint[][] } {
  const rounds: MetricPoint[][] = [];
  return { rounds, enqueue: (points) => void rounds.push([...points]) };
}

function counting(name: string, make: (n: number) => Promise<MetricPoint[]>): Collector & { calls: number } {
  const c = {
    name,
    calls: 0,
    collect: () => make(++c.calls),
  };
  return c;
}

describe('MetricsPipeline', () => {
  it('runs every collector each interval, tags points, keeps the latest', async () => {
    const out = sink();
    const ok = counting('ok', async (n) => [{ measurement: 'ok', tags: { pod: 'own' }, fields: { n } }]);
    const pipeline = new MetricsPipeline({ collectors: [ok], intervalMs: 100, baseTags, writer: out, log: captureLog().log });
    pipeline.start();
    await sleep(450);
    await pipeline.stop();
    expect(ok.calls).toBeGreaterThanOrEqual(4);
    expect(ok.calls).toBeLessThanOrEqual(6);
    expect(out.rounds).toHaveLength(ok.calls);
    const first = out.rounds[0]?.[0];
    // Base tags are added; a tag the collector set itself wins.
    expect(first?.tags).toEqual({ service: 'demo', pod: 'own' });
    expect(first?.time).toBeInstanceOf(Date);
    expect(pipeline.latest()).toEqual(out.rounds.at(-1));
    await sleep(250);
    expect(ok.calls).toBe(out.rounds.length);
  });

  it('a collector that throws or hangs is logged and skipped; the others go on', async () => {
    const out = sink();
    const logs = captureLog();
    const ok = counting('ok', async (n) => [{ measurement: 'ok', fields: { n } }]);
    const broken = counting('broken', async () => {
      throw new Error('cannot read /nowhere');
    });
    const hangs = counting('hangs', () => new Promise<MetricPoint[]>(() => undefined));
    const slowOnce = counting('slow-once', async (n) => {
      if (n === 1) await sleep(350);
      return [{ measurement: 'slow', fields: { n } }];
    });
    const pipeline = new MetricsPipeline({
      collectors: [broken, hangs, ok, slowOnce],
      intervalMs: 100,
      baseTags,
      writer: out,
      log: logs.log,
    });
    const t = performance.now();
    pipeline.start();
    await sleep(1_000);
    await pipeline.stop();
    expect(performance.now() - t).toBeLessThan(1_300);

    expect(ok.calls).toBeGreaterThanOrEqual(8);
    expect(broken.calls).toBe(ok.calls);
    // A hanging collect() is not called again while it still runs.
    expect(hangs.calls).toBe(1);
    expect(slowOnce.calls).toBeLessThan(ok.calls);
    expect(out.rounds.every((r) => r.some((p) => p.measurement === 'ok'))).toBe(true);
    expect(out.rounds.flat().filter((p) => p.measurement === 'slow').length).toBeGreaterThanOrEqual(3);

    // One warning per failing collector (60 s window), naming it and why.
    const warnings = logs.warnings();
    expect(warnings.map((w) => w['collector']).sort()).toEqual(['broken', 'hangs', 'slow-once']);
    expect(warnings.find((w) => w['collector'] === 'broken')?.['err']).toBe('cannot read /nowhere');
    expect(warnings.find((w) => w['collector'] === 'hangs')?.['err']).toMatch(/longer than the 100 ms interval/);
    expect(logs.lines.filter((l) => l.msg === 'collector slow-once works again')).toHaveLength(1);
  });

  it('works without a writer and stops promptly even mid-round', async () => {
    const hangs = counting('hangs', () => new Promise<MetricPoint[]>(() => undefined));
    const pipeline = new MetricsPipeline({ collectors: [hangs], intervalMs: 10_000, baseTags, log: captureLog().log });
    pipeline.start();
    const t = performance.now();
    await pipeline.stop();
    expect(performance.now() - t).toBeLessThan(2_500);
    expect(pipeline.latest()).toEqual([]);
  });
});

describe('the real collectors through the pipeline into InfluxDB', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.pid) process.kill(-c.pid, 'SIGKILL');
  });

  it('every measurement arrives with service and pod tags, exactly as the measurement schema says', async () => {
    const m = await startMetricsInflux();
    const dir = await makeTempDir('pipeline');
    try {
      const tree = spawn('sh', ['-c', 'sleep 30 & sleep 30'], { stdio: 'ignore', detached: true });
      children.push(tree);
      const logs = captureLog();
      const health: HealthSnapshot = {
        phase: 'running',
        processes: [{ name: 'web', pid: tree.pid, running: true, ready: true, startedAt: Date.now() }],
        checks: [
          { name: 'web-port', scope: 'liveness', ok: true, message: 'ok', durationMs: 1.5, consecutiveFailures: 0, failureThreshold: 3, lastRunAt: Date.now() },
          {
            name: 'never-ran',
            scope: 'readiness',
            ok: undefined,
            message: '',
            durationMs: 0,
            consecutiveFailures: 0,
            failureThreshold: 3,
            lastRunAt: undefined,
          },
        ],
      };
      const influxWriter = new InfluxWriter({
        ...writerTarget(m),
        batchSize: 500,
        bufferLimit: 10_000,
        maxBackoffMs: 1_000,
        flushIntervalMs: 100,
        log: logs.log,
      });
      // Every point the pipeline hands over is also kept here, to be read against the schema.
      const seen: MetricPoint[] = [];
      const writer: PointSink = { enqueue: (points) => (seen.push(...points), influxWriter.enqueue(points)) };
      const pipeline = new MetricsPipeline({
        collectors: [
          containerResourcesCollector({ source: 'proc' }),
          networkCollector({ includeLoopback: true }),
          diskCollector([dir]),
          procstatCollector({ pid: (n) => (n === 'web' ? tree.pid : undefined), names: () => ['web'] }),
          agentSelfCollector(),
          healthCollector(() => health),
        ],
        intervalMs: 300,
        baseTags,
        writer,
        log: logs.log,
      });
      pipeline.start();
      await sleep(1_000);
      await pipeline.stop();
      await influxWriter.stop();
      expect(influxWriter.stats()).toMatchObject({ pointsDropped: 0, writeFailures: 0, buffered: 0 });
      expect(logs.warnings()).toEqual([]);

      const series = await m.influx.rows('SHOW MEASUREMENTS', m.db);
      const everyAgent = MEASUREMENT_NAMES.filter((m) => MEASUREMENTS[m].writtenBy === 'every agent');
      expect(series.flat().sort()).toEqual([...everyAgent].sort());
      // Each point as the collectors made it (fields and their types, tags), and what InfluxDB kept.
      expect(seen.flatMap((p) => pointProblems(p, { baseTags: true }))).toEqual([]);
      expect(writtenProblems(await readWrittenMeasurements(m.influx, m.db), { expected: everyAgent })).toEqual([]);
      // The rates are there from the second round on.
      expect(seen.some((p) => p.measurement === 'cpu' && 'usage_percent' in p.fields)).toBe(true);
      expect(seen.some((p) => p.measurement === 'procstat' && 'cpu_usage' in p.fields)).toBe(true);
      const one = async (q: string) => (await m.influx.query(q, m.db))[0]?.series?.[0];
      const cpu = await one(`SELECT last(usage_percent) FROM cpu WHERE service = 'demo' AND pod = 'demo-0'`);
      expect(cpu?.values[0]?.[1]).toBeGreaterThan(0);
      const mem = await one('SELECT last(used) FROM mem');
      expect(mem?.values[0]?.[1]).toBeGreaterThan(0);
      const net = await one(`SELECT last(bytes_recv) FROM net WHERE interface = 'lo'`);
      expect(net?.values[0]?.[1]).toBeGreaterThan(0);
      const disk = await one(`SELECT last(used_percent) FROM disk WHERE path = '${dir}'`);
      expect(disk?.values[0]?.[1]).toBeGreaterThan(0);
      const proc = await one(`SELECT last(num_procs), last(memory_rss) FROM procstat WHERE process = 'web'`);
      expect(proc?.values[0]?.[1]).toBeGreaterThanOrEqual(2);
      const agent = await one('SELECT last(started_at_ms) FROM agent');
      expect(agent?.values[0]?.[1]).toBe(Math.round(performance.timeOrigin));
    } finally {
      await m.influx.destroy();
      await removeDir(dir);
    }
  });
});
