/**
 * The rendered configuration on both platforms, and nginx's own verdict on it (`nginx -t`) in the
 * shape it takes in a Kubernetes pod: a resolver from resolv.conf and a qualified Service name.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAgentSettings, loadConfig, renderServiceTemplates, renderTemplates } from '@ft/agent';
import { makeSelfSignedCert, makeTempDir, removeDir, run } from '@ft/testkit';
import { nginx } from '../src/service.js';
import { nginxEnv } from '../src/env.js';
import { nginxPaths } from '../src/paths.js';
import { platforms } from '../src/platform.js';
import { nginxTemplateVars } from '../src/template-vars.js';

const ENV = { EXTERNAL_HOST: '192.168.49.240', SSH_USER: 'fttestnginxconf', SSH_PASSWORD: 'conf-test-password', AGENT_RUN_DIR: '/run/ft' };

describe('rendered configuration', () => {
  it('renders on alpine with its web user, sshd without PAM and paths under /run/ft', async () => {
    const files = await renderServiceTemplates(nginx, ENV, 'alpine');
    const byName = Object.fromEntries(files.map((f) => [path.basename(f.spec.target), f.content]));
    expect(Object.keys(byName).sort()).toEqual(['index.html', 'nginx.conf', 'sshd_config']);
    expect(byName['nginx.conf']).toMatch(/^user nginx;$/m);
    expect(byName['nginx.conf']).toContain('listen 0.0.0.0:80 default_server;');
    expect(byName['nginx.conf']).toContain('listen 0.0.0.0:443 ssl default_server;');
    expect(byName['nginx.conf']).toContain('return 301 https://$host$request_uri;');
    expect(byName['nginx.conf']).toContain('"https://192.168.49.240:5050$wordpress_rest"');
    expect(byName['nginx.conf']).toContain('listen 127.0.0.1:8181;');
    expect(byName['sshd_config']).not.toMatch(/UsePAM/);
    expect(byName['sshd_config']).toMatch(/^Port 22$/m);
    expect(byName['sshd_config']).toMatch(/^PermitRootLogin no$/m);
    // OpenSSH 10: loopback (the agent's check) never penalised; the node's shared address only past a sustained guesser.
    expect(byName['sshd_config']).toMatch(/^PerSourcePenaltyExemptList 127\.0\.0\.0\/8,::1$/m);
    expect(byName['sshd_config']).toMatch(/^PerSourcePenalties authfail:2s noauth:1s grace-exceeded:5s min:30s max:60s$/m);
    for (const content of Object.values(byName)) expect(content).not.toMatch(/\/var\/(log|lib)\/nginx|\/etc\/ssh\//);
  });

  it('renders on debian with www-data and PAM', async () => {
    const files = await renderServiceTemplates(nginx, ENV, 'debian');
    const conf = files.find((f) => f.spec.target.endsWith('nginx.conf'))?.content ?? '';
    const sshd = files.find((f) => f.spec.target.endsWith('sshd_config'))?.content ?? '';
    expect(conf).toMatch(/^user www-data;$/m);
    expect(sshd).toMatch(/^UsePAM yes$/m);
    // Debian 12's OpenSSH 9.2 refuses PerSourcePenalties* as bad configuration options.
    expect(sshd).not.toMatch(/PerSourcePenalt/);
    expect(files.find((f) => f.spec.target.endsWith('sshd_config'))?.spec.mode).toBe(0o600);
  });

  it('turns password login off when only keys are given', async () => {
    const env = { ...ENV, SSH_PASSWORD: undefined, SSH_AUTHORIZED_KEYS: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq1lYx7c0Zb0S2Xr4jB5b8kq4r7oVQ6oK3lqg0j8J8P a' };
    const sshd = (await renderServiceTemplates(nginx, env, 'alpine')).find((f) => f.spec.target.endsWith('sshd_config'))?.content;
    expect(sshd).toMatch(/^PasswordAuthentication no$/m);
  });
});

describe('nginx -t on the configuration a pod gets', () => {
  let dir: string;
  let conf: string;

  beforeAll(async () => {
    dir = await makeTempDir('nginx-conf');
    const env = { ...ENV, AGENT_RUN_DIR: dir, AGENT_PLATFORM: 'debian', HTTP_PORT: '18080', HTTPS_PORT: '18443' };
    const config = loadConfig(nginxEnv, env);
    const agent = loadAgentSettings(env);
    const paths = nginxPaths(dir);
    const vars = nginxTemplateVars(config, paths, { nameservers: ['10.96.0.10', 'fd00::a'], search: ['default.svc.cluster.local', 'svc.cluster.local'] });
    const [rendered] = await renderTemplates(new URL('../conf/', import.meta.url), [{ source: 'nginx.conf', target: paths.nginxConf }], {
      ...config,
      platform: { ...platforms.debian, name: 'debian' },
      agent,
      ...vars,
    });
    conf = rendered?.content ?? '';
    await mkdir(paths.nginxTemp, { recursive: true });
    await writeFile(paths.nginxConf, conf);
    const cert = await makeSelfSignedCert(dir);
    await mkdir(path.dirname(paths.cert), { recursive: true });
    await run('cp', [cert.certFile, paths.cert]);
    await run('cp', [cert.keyFile, paths.key]);
  });
  afterAll(async () => {
    await removeDir(dir);
  });

  it('names the resolver and the qualified upstream, and nginx accepts it', async () => {
    expect(conf).toContain('resolver 10.96.0.10 [fd00::a] valid=10s;');
    expect(conf).toContain('proxy_pass https://phpmyadmin.default.svc.cluster.local:5000$phpmyadmin_uri;');
    expect(conf).toContain('proxy_ssl_name phpmyadmin.default.svc.cluster.local;');
    const { stderr } = await run('/usr/sbin/nginx', ['-t', '-e', 'stderr', '-p', `${dir}/nginx/`, '-c', path.join(dir, 'nginx', 'nginx.conf')]);
    expect(stderr).toMatch(/test is successful/);
  });
});
