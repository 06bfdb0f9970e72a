// shellcheck and setup.sh's behaviour without a cluster, each rule proven able to fail with small
// scripts written here; the machine's PATH gets a fake minikube and docker first, so "without
// minikube" is really tested (the checker must take them away).
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, rules } from '../test/support.js';
import { checkSetup, findShellScripts, pathWithout, shellcheck } from './shell.js';

let dir: string;
const savedPath = process.env.PATH;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8s-check-shell-'));
  const fakeBin = join(dir, 'fake-bin');
  mkdirSync(fakeBin);
  for (const tool of ['minikube', 'docker']) {
    writeFileSync(join(fakeBin, tool), '#!/bin/sh\necho "fake $0"\nexit 0\n');
    chmodSync(join(fakeBin, tool), 0o755);
  }
  process.env.PATH = `${fakeBin}:${savedPath ?? ''}`;
});

afterAll(() => {
  process.env.PATH = savedPath;
  rmSync(dir, { recursive: true, force: true });
});

function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/usr/bin/env bash\nset -euo pipefail\n${body}\n`);
  return path;
}

/** A setup.sh that behaves: the whole plan on --dry-run, a prerequisite check otherwise. */
const PLAN = [
  '+ minikube start --kubernetes-version=v1.34.0',
  '+ kubectl label nodes --all node.kubernetes.io/exclude-from-external-load-balancers-',
  'download metallb-native.yaml; sha256 must be bf25feebb7582ca7df845efd52ffbc2960d6cbf4cfc972f47fded9f788b67f0b',
  '+ bash tools/docker-build.sh nginx',
  '+ kubectl apply --server-side -k state/cluster/deploy',
  'verify from this host',
];
const GOOD_SETUP = `
if [[ "\${1:-}" == "--dry-run" ]]; then
  echo "plan: start minikube, build 7 images, apply k8s/overlays/minikube"
${PLAN.map((l) => `  echo '${l}'`).join('\n')}
  exit 0
fi
for tool in minikube docker; do
  command -v "$tool" >/dev/null 2>&1 || { echo "setup.sh: $tool is required: install minikube and docker" >&2; exit 1; }
done
echo "deploying"`;

describe('shellcheck', () => {
  it('finds the repository scripts, not node_modules nor the fixtures', () => {
    const found = findShellScripts(REPO_ROOT);
    expect(found).toContain('tools/docker-build.sh');
    expect(found).toContain('tools/test.sh');
    expect(found.some((f) => f.includes('node_modules') || f.startsWith('tools/k8s-check/test/fixtures'))).toBe(false);
    if (existsSync(join(REPO_ROOT, '.ci/run'))) expect(found).toContain('.ci/run');
  });

  it('passes a clean script and fails a broken one (SHELLCHECK), naming the file and line', async () => {
    script('clean.sh', 'echo "ok: ${1:-}"');
    script('broken.sh', 'rm -rf $1/tmp');
    expect(await shellcheck(dir, ['clean.sh'])).toEqual([]);
    const violations = await shellcheck(dir, ['broken.sh']);
    expect(rules(violations)).toEqual(['SHELLCHECK']);
    expect(violations[0]?.name).toBe('broken.sh');
    expect(violations[0]?.message).toMatch(/^line 3: .*SC2086/);
  });

  it('TOOL_MISSING when shellcheck is not installed', async () => {
    script('clean2.sh', 'echo ok');
    const empty = mkdtempSync(join(dir, 'empty-'));
    process.env.PATH = empty;
    try {
      expect(rules(await shellcheck(dir, ['clean2.sh']))).toEqual(['TOOL_MISSING']);
    } finally {
      process.env.PATH = `${join(dir, 'fake-bin')}:${savedPath ?? ''}`;
    }
  });
});

describe('setup.sh without a cluster', () => {
  it('a PATH without minikube and docker keeps everything else', () => {
    const { path, cleanup } = pathWithout(['minikube', 'docker']);
    try {
      expect(existsSync(join(path, 'bash'))).toBe(true);
      expect(existsSync(join(path, 'minikube'))).toBe(false);
      expect(existsSync(join(path, 'docker'))).toBe(false);
    } finally {
      cleanup();
    }
  });

  it('passes a setup.sh that plans on --dry-run and stops at the prerequisite check', async () => {
    expect(await checkSetup(script('good-setup.sh', GOOD_SETUP), dir)).toEqual([]);
  });

  it('SETUP_DRY_RUN: --dry-run that needs minikube', async () => {
    const setup = script('dry-needs.sh', `command -v minikube >/dev/null || { echo "no minikube" >&2; exit 1; }\n${GOOD_SETUP}`);
    expect(rules(await checkSetup(setup, dir))).toEqual(['SETUP_DRY_RUN']);
  });

  it('SETUP_DRY_RUN: --dry-run that prints no plan', async () => {
    const setup = script('dry-silent.sh', GOOD_SETUP.replace(/^ {2}echo .*$/gm, '  :'));
    expect(rules(await checkSetup(setup, dir))).toEqual(['SETUP_DRY_RUN']);
  });

  it('SETUP_DRY_RUN: a plan without the label removal or the sha256 names what it lacks', async () => {
    const setup = script('dry-partial.sh', GOOD_SETUP.replace(/^ {2}echo '\+ kubectl label.*$/m, '  :').replace(/; sha256 must be [0-9a-f]+/, ''));
    const violations = await checkSetup(setup, dir);
    expect(rules(violations)).toEqual(['SETUP_DRY_RUN']);
    expect(violations[0]?.message).toMatch(
      /lacks the removal of the label node\.kubernetes\.io\/exclude-from-external-load-balancers; the MetalLB manifest's sha256 check$/,
    );
  });

  it('SETUP_PREREQ: a run that succeeds without minikube', async () => {
    const setup = script('no-check.sh', `${PLAN.map((l) => `echo '${l}'`).join('\n')}\necho "plan or deploy: done"`);
    expect(rules(await checkSetup(setup, dir))).toEqual(['SETUP_PREREQ']);
  });

  it('SETUP_PREREQ: a failure that does not name minikube', async () => {
    const setup = script(
      'vague.sh',
      GOOD_SETUP.replace('echo "setup.sh: $tool is required: install minikube and docker" >&2', 'echo "something is missing" >&2'),
    );
    expect(rules(await checkSetup(setup, dir))).toEqual(['SETUP_PREREQ']);
  });

  it('SETUP_SIZE: a setup.sh of more than 120 lines', async () => {
    const setup = script('long-setup.sh', `${GOOD_SETUP}\n${Array.from({ length: 120 }, (_, i) => `: line ${i}`).join('\n')}`);
    const violations = await checkSetup(setup, dir);
    expect(rules(violations)).toEqual(['SETUP_SIZE']);
    expect(violations[0]?.message).toMatch(/^1\d\d lines; a bootstrap of at most 120/);
  });

  it('both rules when setup.sh is missing', async () => {
    expect(rules(await checkSetup(join(dir, 'nowhere.sh'), dir))).toEqual(['SETUP_DRY_RUN', 'SETUP_PREREQ']);
  });
});
