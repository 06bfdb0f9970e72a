import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testContext } from '../test/support.js';
import { FIELD_MANAGERS, makeSecrets } from './secrets.js';

/** What tools/stack's `secrets --k8s-out DIR` writes (tools/stack/src/k8s-out.ts). */
function fakeStackOut(dir: string): void {
  for (const s of ['influxdb', 'mysql', 'wordpress', 'phpmyadmin', 'nginx', 'ftps', 'grafana']) writeFileSync(path.join(dir, `${s}.secret.env`), `X=${s}\n`);
  writeFileSync(path.join(dir, 'tls.crt'), 'crt');
  writeFileSync(path.join(dir, 'tls.key'), 'key');
  mkdirSync(path.join(dir, 'ssh-host-keys'));
  writeFileSync(path.join(dir, 'ssh-host-keys', 'ssh_host_ed25519_key'), 'k');
}

describe('makeSecrets', () => {
  it('one field manager per source: the namespace from its file, the Secrets from stdin', async () => {
    let outDir = '';
    const sigterm = process.listenerCount('SIGTERM');
    let during = 0;
    const ctx = testContext([], (c, line) => {
      during = Math.max(during, process.listenerCount('SIGTERM'));
      if (c.args.includes('secrets')) {
        outDir = c.args[c.args.indexOf('--k8s-out') + 1] ?? '';
        fakeStackOut(outDir);
      }
      if (line.includes('--dry-run=client')) return { stdout: 'apiVersion: v1\nkind: Secret\n' };
      return undefined;
    });
    ctx.address = '192.168.49.240';
    await makeSecrets(ctx);
    const plan = ctx.runner.planned();
    expect(plan[0]).toMatch(/cli\.js secrets --state-dir .* --k8s-out .* --external-host 192\.168\.49\.240$/);
    expect(plan[1]).toBe(
      `kubectl apply --server-side --force-conflicts --field-manager=${FIELD_MANAGERS.namespace} -f ${path.join(ctx.paths.root, 'k8s/base/namespace.yaml')}`,
    );
    const applies = ctx.runner.calls.filter((c) => c.args.includes('-f') && c.args.includes('-'));
    expect(applies).toHaveLength(9);
    for (const a of applies) {
      expect(a.args).toContain(`--field-manager=${FIELD_MANAGERS.secrets}`);
      expect(a.input).toBe('apiVersion: v1\nkind: Secret\n');
    }
    expect(new Set(Object.values(FIELD_MANAGERS)).size).toBe(3);
    expect(Object.keys(ctx.secretHashes ?? {})).toHaveLength(7);
    expect(ctx.secretHashes?.nginx).not.toBe(ctx.secretHashes?.mysql);
    // The private copy is gone, and so are the signal handlers that would remove it; nothing secret was printed.
    expect(existsSync(outDir)).toBe(false);
    expect(process.listenerCount('SIGTERM')).toBe(sigterm);
    expect(during).toBe(sigterm + 1);
    expect(ctx.said.join('\n')).not.toMatch(/kind: Secret/);
  });

  it('the namespace applied first carries its Pod Security labels', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(path.join(testContext([]).paths.root, 'k8s/base/namespace.yaml'), 'utf8');
    expect(text).toMatch(/pod-security\.kubernetes\.io\/enforce:/);
  });
});
