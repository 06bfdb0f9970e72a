/** The status document: written and read back as the supervisor does, checked against the contract's shape, and the helpers over it. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '@ft/testkit';
import {
  activeServices,
  allReady,
  parseStackStatus,
  publicStatus,
  readStatusFile,
  serviceOf,
  writeStatusFile,
  type ServiceStatus,
  type StatusFile,
} from './status-file.js';

const service = (name: ServiceStatus['name'], state: ServiceStatus['state'], ready: boolean): ServiceStatus => ({
  name,
  state,
  ready,
  live: state !== 'skipped',
  restarts: 0,
  agentPort: 9180,
  pid: state === 'skipped' ? null : 4242,
  lastExit: name === 'mysql' ? { code: 70, signal: null, at: '2026-01-01T00:00:00.000Z' } : null,
  lastFailure: null,
  log: `/state/logs/${name}.log`,
});

const file: StatusFile = {
  address: '127.0.0.4',
  internalAddress: '127.0.0.5',
  stateDir: '/state',
  supervisorPid: 100,
  services: [service('mysql', 'ready', true), service('grafana', 'skipped', false)],
  updatedAt: '2026-01-01T00:00:01.000Z',
  supervisor: 'running',
  internals: { grafana: { tiniPid: null, skippedBecause: 'no grafana-server', currentFailure: null } },
};

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await removeDir(dir);
});

describe('status.json and status --json', () => {
  it('reads back what was written; a missing file is undefined, a broken one an error naming it', async () => {
    const dir = await makeTempDir('ft-status-');
    dirs.push(dir);
    const at = path.join(dir, 'status.json');
    expect(await readStatusFile(at)).toBeUndefined();
    await writeStatusFile(at, file);
    expect(await readStatusFile(at)).toEqual(file);
    await writeFile(at, '{"address":');
    await expect(readStatusFile(at)).rejects.toThrow(/status\.json: unreadable/);
  });

  it('parses the public shape, dropping the supervisor internals of status.json', () => {
    expect(parseStackStatus(JSON.stringify(file))).toEqual(publicStatus(file, 100));
  });

  it('parses the answer of a state dir where nothing was ever started', () => {
    const never = { address: null, internalAddress: null, stateDir: '/state', supervisorPid: null, services: [] };
    expect(parseStackStatus(JSON.stringify(never))).toEqual(never);
  });

  it('refuses another shape, naming the field', () => {
    const wrong = { ...file, services: [{ ...service('mysql', 'ready', true), state: 'up' }] };
    expect(() => parseStackStatus(JSON.stringify(wrong))).toThrow(/unexpected shape.*state/s);
    expect(() => parseStackStatus(JSON.stringify({ ...file, services: [{ ...service('mysql', 'ready', true), name: 'redis' }] }))).toThrow(/name/);
  });

  it('leaves skipped services out of readiness, and finds a service by name', () => {
    expect(activeServices(file).map((s) => s.name)).toEqual(['mysql']);
    expect(allReady(file)).toBe(true);
    expect(allReady({ ...file, services: [service('mysql', 'starting', false)] })).toBe(false);
    expect(serviceOf(file, 'grafana').state).toBe('skipped');
    expect(() => serviceOf(file, 'nginx')).toThrow(/status lists no service nginx: mysql, grafana/);
  });
});
