import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { agentCommand } from './agent-runner.js';
import {
  capabilitiesOfMask,
  containerPrivileges,
  defaultPrivilegesFile,
  parsePrivilegesFile,
  privilegesFileText,
  privilegesOfRendering,
  readPrivilegesFile,
  SecurityContextError,
  setprivArgs,
} from './container-privileges.js';

const exec = promisify(execFile);

describe('containerPrivileges', () => {
  it('reads drop ALL + add as the container gets them, sorted, CAP_ prefix or not', () => {
    expect(containerPrivileges({}, { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['SETUID', 'CAP_CHOWN', 'SETUID'] } })).toEqual({
      capabilities: ['CHOWN', 'SETUID'],
      noNewPrivs: true,
    });
    // allowPrivilegeEscalation unset: Kubernetes' default lets a setuid binary gain privileges.
    expect(containerPrivileges(undefined, { capabilities: { drop: ['ALL'] } })).toEqual({ capabilities: [], noNewPrivs: false });
  });

  it.each([
    ['no drop ALL', { capabilities: { drop: ['NET_RAW'], add: ['CHOWN'] } }, /drop lacks ALL/],
    ['no securityContext', undefined, /drop lacks ALL/],
    ['privileged', { privileged: true, capabilities: { drop: ['ALL'] } }, /privileged is true/],
    ['a non-root user', { runAsUser: 1000, capabilities: { drop: ['ALL'] } }, /runAsUser is 1000/],
    ['an unknown capability', { capabilities: { drop: ['ALL'], add: ['NET_BIND'] } }, /"NET_BIND" is not a Linux capability/],
  ])('refuses %s, naming the field', (_what, ctx, message) => {
    expect(() => containerPrivileges({}, ctx)).toThrow(SecurityContextError);
    expect(() => containerPrivileges({}, ctx)).toThrow(message);
  });

  it('refuses a pod-level non-root user', () => {
    expect(() => containerPrivileges({ runAsUser: 33 }, { capabilities: { drop: ['ALL'] } })).toThrow(/pod securityContext.runAsUser is 33/);
  });

  it('finds each service in a rendering and names the missing ones', () => {
    const workload = (kind: string, name: string, add: string[]) => ({
      kind,
      metadata: { name },
      spec: { template: { spec: { containers: [{ name, securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add } } }] } } },
    });
    const { services, problems } = privilegesOfRendering([
      workload('StatefulSet', 'mysql', ['CHOWN']),
      workload('Deployment', 'nginx', ['NET_BIND_SERVICE']),
      { kind: 'Service', metadata: { name: 'ftps' } },
    ]);
    expect(services.mysql).toEqual({ capabilities: ['CHOWN'], noNewPrivs: true });
    expect(services.nginx).toEqual({ capabilities: ['NET_BIND_SERVICE'], noNewPrivs: true });
    expect(problems.map((p) => p.service)).toEqual(['influxdb', 'wordpress', 'phpmyadmin', 'ftps', 'grafana']);
  });
});

describe('the privileges file', () => {
  it('in git parses, and its text is what the generator writes', () => {
    const file = readPrivilegesFile();
    expect(privilegesFileText(file)).toBe(readFileSync(defaultPrivilegesFile(), 'utf8'));
  });

  it('refuses an unknown capability, a missing service and broken JSON, naming the place', () => {
    const good = JSON.parse(readFileSync(defaultPrivilegesFile(), 'utf8')) as { services: Record<string, { capabilities: string[] }> };
    const badCap = structuredClone(good);
    badCap.services.ftps?.capabilities.push('NET_BIND');
    expect(() => parsePrivilegesFile(JSON.stringify(badCap), 'p.json')).toThrow(/^p\.json: services\.ftps\.capabilities\.\d+: expected a capability name/);
    const missing = structuredClone(good);
    delete missing.services.grafana;
    expect(() => parsePrivilegesFile(JSON.stringify(missing), 'p.json')).toThrow(/^p\.json: services\.grafana: /);
    expect(() => parsePrivilegesFile('{', 'p.json')).toThrow(/^p\.json: not JSON/);
  });
});

describe('setpriv', () => {
  it('keeps exactly the bounding set, clears inheritable and ambient, and sets no_new_privs', () => {
    expect(setprivArgs({ capabilities: ['SETUID', 'CHOWN'], noNewPrivs: true })).toEqual([
      '--bounding-set',
      '-all,+chown,+setuid',
      '--inh-caps',
      '-all',
      '--ambient-caps',
      '-all',
      '--no-new-privs',
    ]);
    expect(setprivArgs({ capabilities: [], noNewPrivs: false })).not.toContain('--no-new-privs');
  });

  it('decodes /proc masks', () => {
    expect(capabilitiesOfMask('00000000200404eb')).toEqual([
      'AUDIT_WRITE',
      'CHOWN',
      'DAC_OVERRIDE',
      'FOWNER',
      'KILL',
      'NET_BIND_SERVICE',
      'SETGID',
      'SETUID',
      'SYS_CHROOT',
    ]);
  });

  // The launcher's own command line (as root, like the local mode): the agent's process sees these sets.
  it.runIf(process.getuid?.() === 0)('an agent started by the launcher has those sets, and nothing more', async () => {
    const privileges = { capabilities: ['CHOWN' as const, 'NET_BIND_SERVICE' as const], noNewPrivs: true };
    const { stdout } = await exec('unshare', agentCommand(privileges, 'cat', ['/proc/self/status']));
    const field = (name: string) => stdout.match(new RegExp(`^${name}:\\s*(\\S+)$`, 'm'))?.[1] ?? '';
    for (const set of ['CapBnd', 'CapPrm', 'CapEff']) expect(capabilitiesOfMask(field(set)), set).toEqual(['CHOWN', 'NET_BIND_SERVICE']);
    expect(capabilitiesOfMask(field('CapInh'))).toEqual([]);
    expect(capabilitiesOfMask(field('CapAmb'))).toEqual([]);
    expect(field('NoNewPrivs')).toBe('1');
  });
});
