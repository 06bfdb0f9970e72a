import { describe, expect, it } from 'vitest';
import { allDashboards } from './dashboards/index.js';
import { graphQuery, meanOf } from './influxql.js';
import { panelQueries } from './macros.js';
import { SERVICE_FIGURES } from './services.js';
import { measurementsRead, notWrittenBy, queryProblems } from './schema-check.js';

describe('the dashboards against the measurement schema', () => {
  it('read only measurements, fields and tags the collectors write', () => {
    const problems = allDashboards().flatMap((d) => [
      ...panelQueries(d).flatMap((q) => queryProblems(q.target.query).map((p) => `${d.uid} panel ${q.panelId} "${q.panel}": ${p}`)),
      ...d.templating.list.flatMap((v) => (typeof v.query === 'string' ? queryProblems(v.query).map((p) => `${d.uid} variable ${v.name}: ${p}`) : [])),
    ]);
    expect(problems).toEqual([]);
  });

  it("give each service's dashboard only measurements that service writes", () => {
    const services = allDashboards().filter((d) => d.uid !== 'ft-overview');
    expect(services.map((d) => d.uid)).toEqual(Object.keys(SERVICE_FIGURES).map((s) => `ft-${s}`));
    const problems = services.flatMap((d) => {
      const service = d.uid.slice('ft-'.length);
      return panelQueries(d).flatMap((q) => notWrittenBy(service, q.target.query).map((m) => `${d.uid} panel "${q.panel}": ${service} writes no ${m}`));
    });
    expect(problems).toEqual([]);
    expect(notWrittenBy('nginx', 'SELECT last("up") FROM "grafana" WHERE $timeFilter')).toEqual(['grafana']);
    expect(notWrittenBy('nginx', 'SELECT mean("active") FROM "nginx" WHERE $timeFilter')).toEqual([]);
  });

  it('names the measurements a query reads, subqueries included, each once', () => {
    expect(measurementsRead('SELECT sum("rate") FROM (SELECT max("bytes_recv") AS "rate" FROM "net" WHERE $timeFilter) WHERE $timeFilter')).toEqual(['net']);
    expect(measurementsRead('SELECT "a" FROM "cpu", "mem" WHERE $timeFilter')).toEqual(['cpu', 'mem']);
  });

  it('reports a field, tag or measurement no collector writes, and accepts aliases the query defines', () => {
    expect(queryProblems('SELECT mean("usage_percent") AS "cpu_percent" FROM "cpu" WHERE $timeFilter GROUP BY "pod"')).toEqual([]);
    expect(queryProblems('SELECT mean("usage") FROM "cpu" WHERE $timeFilter')).toEqual(['"usage" is no field or tag of cpu']);
    expect(queryProblems('SELECT mean("used") FROM "mem" WHERE $timeFilter GROUP BY "interface"')).toEqual(['"interface" is no field or tag of mem']);
    expect(queryProblems('SELECT last("up") FROM "nginx_up" WHERE $timeFilter')).toEqual(['reads measurement "nginx_up", which no collector writes']);
    expect(queryProblems('SELECT 1')).toEqual(['reads no measurement of the schema']);
  });

  it('cannot be built wrong: the query builders refuse a field or tag of another measurement at compile time', () => {
    const scope = {};
    // @ts-expect-error bytes_recv is a field of net, not of cpu
    const field = graphQuery({ measurement: 'cpu', select: [meanOf('bytes_recv')], scope });
    // @ts-expect-error cpu points have no interface tag
    const tag = graphQuery({ measurement: 'cpu', select: [meanOf('usage_percent')], scope, by: ['interface'] });
    // @ts-expect-error no collector writes a measurement named cpus
    const measurement = graphQuery({ measurement: 'cpus', select: [meanOf('usage_percent')], scope });
    // What slips past the compiler is caught by the check above.
    expect([field, tag, measurement].map((q) => queryProblems(q).length > 0)).toEqual([true, true, true]);
  });
});
