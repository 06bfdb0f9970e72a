// The whole checker on the REAL repository: k8s/ (every overlay, and the base), the services'
// Dockerfiles, setup.sh and every shell script. Zero violations is the goal the project's
// manifests and scripts must meet; a violation printed here names the rule and the object.
// Plus the CLI's contract: output format and exit codes.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRepository } from '../src/check.js';
import { formatViolation } from '../src/errors.js';
import { FIXTURE_DIR, REPO_ROOT } from './support.js';

const run = promisify(execFile);
const CLI = join(REPO_ROOT, 'tools/k8s-check/dist/cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'k8s-check-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd: REPO_ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('the real repository', () => {
  it('passes every check: k8s/ overlays and base, Dockerfiles, shellcheck, setup.sh', { timeout: 600_000 }, async () => {
    const violations = await checkRepository({ root: REPO_ROOT });
    expect(violations.map(formatViolation)).toEqual([]);
  });
});

describe('the CLI', () => {
  it('exits 0 and says so on a valid kustomization', async () => {
    // The real overlay, not the fixture: every rule holds there, K8S_SERVICE_ENV included.
    const { code, stdout } = await cli(['--dir', join(REPO_ROOT, 'k8s/overlays/minikube'), '--only', 'manifests']);
    expect(stdout).toContain('k8s-check: no violations');
    expect(code).toBe(0);
  });

  it('prints `<rule> <kind>/<name>: <message>` and exits 1 on a violation', async () => {
    const broken = join(scratch, 'platform');
    cpSync(FIXTURE_DIR, broken, { recursive: true });
    appendFileSync(
      join(broken, 'services.yaml'),
      '---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: web, namespace: ft-services }\nspec:\n  defaultBackend: { service: { name: nginx, port: { number: 80 } } }\n',
    );
    const { code, stdout, stderr } = await cli(['--dir', broken, '--only', 'manifests']);
    expect(stdout).toMatch(/^K8S_INGRESS Ingress\/web \(.*platform\): an Ingress is an entry point besides MetalLB$/m);
    // The bundle carries the services' schemas (the fixture's env is synthetic), and none of their agents ran.
    expect(stdout).toMatch(/^K8S_SERVICE_ENV Deployment\/nginx \(.*platform\): container nginx: AGENT_POD: not a variable nginx or its agent reads$/m);
    expect(stderr).not.toContain('FT_ERR_');
    expect(code).toBe(1);
  });

  it('lists the rules, and exits 2 on a usage error', async () => {
    const listed = await cli(['--rules']);
    expect(listed.stdout).toMatch(/^K8S_SHARED_IP {2}/m);
    expect((await cli(['--only', 'everything'])).code).toBe(2);
    expect((await cli(['--bogus'])).code).toBe(2);
  });
});
