import { describe, expect, it } from 'vitest';
import { testContext } from '../test/support.js';
import { rendererFor, upSteps } from './up.js';

describe('the plan of up (--dry-run, no minikube)', () => {
  it('runs every step in order and prints the whole plan', async () => {
    const ctx = testContext(['--dry-run'], undefined, { which: () => false });
    for (const step of upSteps(async () => [])) {
      ctx.runner.report = (l) => ctx.said.push(l);
      await step.run(ctx);
    }
    const plan = ctx.runner.planned();
    const at = (pattern: RegExp) => plan.findIndex((l) => pattern.test(l));
    const start = at(/^minikube start .*--kubernetes-version=v1\.34\.0 .*--cni=calico/);
    const label = at(/^kubectl label nodes --all node\.kubernetes\.io\/exclude-from-external-load-balancers-$/);
    const metallb = at(/field-manager=ft-deploy-metallb/);
    const build = at(/docker-build\.sh nginx$/);
    const apply = at(/field-manager=ft-deploy -k/);
    const verify = at(/get services -o json/);
    expect(start).toBeGreaterThan(-1);
    expect([start, label, metallb, build, apply, verify]).toEqual([...[start, label, metallb, build, apply, verify]].sort((a, b) => a - b));
    expect(Math.min(start, label, metallb, build, apply, verify)).toBeGreaterThan(-1);
    const said = ctx.said.join('\n');
    expect(said).toMatch(/sha256 of .* must be bf25feebb7582ca7df845efd52ffbc2960d6cbf4cfc972f47fded9f788b67f0b/);
    expect(said).toMatch(/client checks against/);
  });
});

describe('rendererFor', () => {
  it('the task list on a terminal; plain lines when not a terminal and for a dry run', () => {
    expect(rendererFor(testContext([]), true)).toBe('default');
    expect(rendererFor(testContext([]), false)).toBe('simple');
    expect(rendererFor(testContext(['--dry-run']), true)).toBe('simple');
  });
});
