import { describe, expect, it } from 'vitest';
import { failure, fixture, testContext } from '../test/support.js';
import { isHopeless, parsePods, parseRollouts } from './rollout.js';
import { progressLine, waitForRollouts } from './wait.js';

describe('parseRollouts', () => {
  it('all rolled out', () => {
    const r = parseRollouts(fixture('kubectl-workloads-ready.json'));
    expect([...r.values()].every(Boolean)).toBe(true);
    expect(r.size).toBe(7);
  });
  it('not yet: an unobserved spec, unavailable, surplus replicas, an old revision, not ready', () => {
    const r = parseRollouts(fixture('kubectl-workloads-progress.json'));
    expect(Object.fromEntries(r)).toEqual({ grafana: true, nginx: false, phpmyadmin: false, wordpress: false, ftps: true, influxdb: false, mysql: false });
  });
});

describe('parsePods', () => {
  it('the newest pod of each service, its waiting reason, restarts and last exit', () => {
    const p = parsePods(fixture('kubectl-pods.json'));
    expect(p.get('nginx')).toMatchObject({ pod: 'nginx-7f8d6c5b4-new02', waiting: 'CrashLoopBackOff', restarts: 3, lastExit: '78 (Error)' });
    expect(p.get('phpmyadmin')).toMatchObject({ waiting: 'ErrImageNeverPull' });
    expect(p.get('grafana')).toMatchObject({ ready: true, waiting: '' });
    expect(isHopeless(p.get('nginx'))).toBe(true);
    expect(isHopeless(p.get('phpmyadmin'))).toBe(true);
    expect(isHopeless(p.get('wordpress'))).toBe(false);
    expect(isHopeless(p.get('mysql'))).toBe(false);
  });
});

describe('waitForRollouts', () => {
  it('returns when everything is rolled out', async () => {
    const ctx = testContext([], (_c, line) =>
      line.includes('deployments,statefulsets') ? { stdout: fixture('kubectl-workloads-ready.json') } : { stdout: fixture('kubectl-pods.json') },
    );
    await waitForRollouts(ctx);
    expect(ctx.said.at(-1)).toMatch(/ready: influxdb mysql wordpress phpmyadmin nginx ftps grafana$/);
  });

  it('stops early on a pod that cannot start, naming it, with the diagnosis', async () => {
    const ctx = testContext([], (_c, line) => {
      if (line.includes('deployments,statefulsets')) return { stdout: fixture('kubectl-workloads-progress.json') };
      if (line.includes('get pods') && line.includes('-o json')) return { stdout: fixture('kubectl-pods.json') };
      if (line.includes('exec')) return { stdout: '{"ready":false,"checks":{"nginx":"exited 78"}}' };
      return { stdout: '' };
    });
    const err = await failure(waitForRollouts(ctx));
    expect(err.message).toBe('phpmyadmin, nginx cannot start (see below); not waiting any longer');
    expect(err.detail).toMatch(/--- nginx ---[\s\S]*\/readyz of the agent[\s\S]*exited 78[\s\S]*last log lines/);
    expect(progressLine(0, { rolledOut: new Map([['nginx', true]]), pods: new Map() })).toMatch(/ready: nginx \| waiting: influxdb\(no pod\)/);
  });
});
