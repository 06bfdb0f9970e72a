import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createWritable } from 'listr2';
import { describe, expect, it } from 'vitest';
import { type Io, report, run } from './cli.js';

function io(env: NodeJS.ProcessEnv = {}): Io & { text: () => string; errors: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const streams = { stdout: createWritable((t) => out.push(t)) as NodeJS.WriteStream, stderr: createWritable((t) => err.push(t)) as NodeJS.WriteStream };
  return {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    isTTY: false,
    env: { PATH: '/nonexistent', ...env },
    streams,
    text: () => out.join(''),
    errors: () => err.join(''),
  };
}

describe('the CLI', () => {
  it('--help needs no tool', async () => {
    const o = io();
    expect(await run(['--help'], o, undefined)).toBe(0);
    expect(o.text()).toMatch(/^ft_services setup:[\s\S]*--dry-run[\s\S]*FT_MINIKUBE_PROFILE/);
  });

  it('--dry-run with no minikube prints the whole plan and the summary, and exits 0', async () => {
    const o = io({ NO_COLOR: '1' });
    expect(await run(['--dry-run'], o, undefined)).toBe(0);
    const text = o.text();
    expect(text).toMatch(/a real run would stop here, as this machine lacks/);
    expect(text).toMatch(/--kubernetes-version=v1\.34\.0/);
    expect(text).toMatch(/label nodes --all node\.kubernetes\.io\/exclude-from-external-load-balancers-/);
    expect(text).toMatch(/grafana +https:\/\/<lb-address>:3000\//);
    expect(text).toMatch(/dry run: nothing was run\.$/m);
  });

  it('without minikube a real status names it and fails', async () => {
    const o = io();
    const code = await run(['status'], o, undefined).catch((e: unknown) => report(e, o));
    expect(code).toBe(1);
    expect(o.errors()).toMatch(/error: \.\/setup\.sh status needs what this machine lacks:\n {2}- minikube/);
  });

  it('a usage error exits 64', async () => {
    const o = io();
    expect(await run(['--frob'], o, undefined).catch((e: unknown) => report(e, o))).toBe(64);
    expect(o.errors()).toMatch(/Unknown option '--frob'/);
  });
});

describe('the bundle (dist/cli.js, built before the tests)', () => {
  it('loads with its npm dependencies from node_modules and plans a dry run', () => {
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const out = execFileSync(process.execPath, [cli, '--dry-run'], { env: { PATH: '/nonexistent', NO_COLOR: '1' }, encoding: 'utf8' });
    expect(out).toMatch(/kubectl --context ft-services label nodes --all node\.kubernetes\.io\/exclude-from-external-load-balancers-/);
    expect(out).toMatch(/dry run: nothing was run\./);
  });

  it('NO_COLOR: no escape sequence; colours only where asked for', () => {
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const plain = execFileSync(process.execPath, [cli, '--dry-run'], { env: { PATH: '/nonexistent', NO_COLOR: '1', FORCE_COLOR: '1' }, encoding: 'utf8' });
    // eslint-disable-next-line no-control-regex -- looking for an ANSI escape (ESC [) is the point
    expect(plain).not.toMatch(/\x1b\[/);
    const forced = execFileSync(process.execPath, [cli, '--dry-run'], { env: { PATH: '/nonexistent', FORCE_COLOR: '1' }, encoding: 'utf8' });
    // eslint-disable-next-line no-control-regex -- looking for an ANSI escape (ESC [) is the point
    expect(forced).toMatch(/\x1b\[/);
  });
});
