// A capability missing from a manifest fails here, in the local mode, instead of in a pod on a
// cluster: a copy of k8s/ whose ftps container no longer adds NET_BIND_SERVICE is rendered, its
// privileges handed to the real local mode (tools/stack), and vsftpd can no longer bind port 21.
// The unchanged rendering starts the same service: the capability, nothing else, makes the difference.
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { privilegesFileText, privilegesOfRendering, type PrivilegesFile } from '@ft/stack';
import { removeStackFromHost } from '@ft/stack';
import { parseStackStatus } from '@ft/stack';
import { afterAll, describe, expect, it } from 'vitest';
import { renderKustomization } from '../src/render.js';
import { REPO_ROOT } from './support.js';

const exec = promisify(execFile);
const STACK = join(REPO_ROOT, 'tools/stack/dist/cli.js');
// Neither the e2e suites' (127.0.0.2/.3) nor tools/stack's own test's (127.0.0.4/.5) addresses.
const ADDRESS = '127.0.0.6';
const INTERNAL = '127.0.0.7';
const scratch = mkdtempSync(join(tmpdir(), 'k8s-check-privileges-'));
// The daemons' users pass through to their data under the state dir.
chmodSync(scratch, 0o711);
const stateDir = join(scratch, 'state');

async function stack(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [STACK, ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** The privileges file of a rendering of `k8sDir/base`, written where `local up --privileges` reads it. */
async function privilegesOf(k8sDir: string, name: string): Promise<{ file: string; privileges: PrivilegesFile }> {
  const { services, problems } = privilegesOfRendering(await renderKustomization(join(k8sDir, 'base')));
  expect(problems).toEqual([]);
  const privileges: PrivilegesFile = { generatedFrom: `test rendering ${name}`, services: services as PrivilegesFile['services'] };
  const file = join(scratch, `${name}.json`);
  writeFileSync(file, privilegesFileText(privileges));
  return { file, privileges };
}

async function ftpsUp(privilegesFile: string, timeoutS: number) {
  const res = await stack(
    'local',
    'up',
    '--state-dir',
    stateDir,
    '--address',
    ADDRESS,
    '--internal-address',
    INTERNAL,
    '--services',
    'ftps',
    '--timeout',
    String(timeoutS),
    '--privileges',
    privilegesFile,
  );
  const status = parseStackStatus((await stack('local', 'status', '--state-dir', stateDir, '--json')).stdout);
  await stack('local', 'down', '--state-dir', stateDir);
  return { res, ftps: status.services.find((s) => s.name === 'ftps') };
}

afterAll(async () => {
  await stack('local', 'down', '--state-dir', stateDir);
  await removeStackFromHost(stateDir);
  rmSync(scratch, { recursive: true, force: true });
}, 120_000);

describe.runIf(process.getuid?.() === 0)('the local mode enforces what the manifests grant', { timeout: 180_000 }, () => {
  it('ftps starts with the capabilities k8s/ grants it', async () => {
    const { file, privileges } = await privilegesOf(join(REPO_ROOT, 'k8s'), 'as-is');
    expect(privileges.services.ftps.capabilities).toContain('NET_BIND_SERVICE');
    const { res, ftps } = await ftpsUp(file, 120);
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(ftps?.restarts).toBe(0);
  });

  it('ftps without NET_BIND_SERVICE in its manifest fails: vsftpd cannot bind port 21, the agent exits and restarts', async () => {
    const k8s = join(scratch, 'k8s');
    cpSync(join(REPO_ROOT, 'k8s'), k8s, { recursive: true });
    const manifest = join(k8s, 'base', 'ftps.yaml');
    const text = readFileSync(manifest, 'utf8');
    const edited = text.replace(/^\s+- NET_BIND_SERVICE\n/m, '');
    expect(edited).not.toBe(text);
    writeFileSync(manifest, edited);
    const { file, privileges } = await privilegesOf(k8s, 'without-net-bind-service');
    expect(privileges.services.ftps.capabilities).not.toContain('NET_BIND_SERVICE');

    const { res, ftps } = await ftpsUp(file, 20);
    expect(res.code).toBe(1);
    expect(`${res.stdout}${res.stderr}`).toMatch(/ftps/);
    expect(ftps?.restarts).toBeGreaterThanOrEqual(1);
    expect(ftps?.ready).toBe(false);
    const log = readFileSync(join(stateDir, 'logs', 'ftps.log'), 'utf8');
    // vsftpd, as root but without CAP_NET_BIND_SERVICE, fails to bind 21 and exits at once.
    expect(log).toMatch(/process vsftpd exited with code [1-9]/);
    expect(log).toMatch(/"code":70,"msg":"exit 70"/);
  });
});
