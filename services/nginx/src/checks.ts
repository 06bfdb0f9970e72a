/** The container's checks: https answers the index page, http redirects, the SSH user gets in. */
import { readFile } from 'node:fs/promises';
import { bracketHost, httpCheck, probeHost, sshCheck, type CheckSpec, type Probe } from '@ft/agent';
import { checkUsesAgentKey } from './init.js';
import type { NginxPaths } from './paths.js';
import type { NginxConfig, NginxContext } from './env.js';

/** Text of the index page the https check looks for. */
export const INDEX_MARKER = '<h1>ft_services</h1>';

export function nginxChecks(ctx: NginxContext, paths: NginxPaths): CheckSpec[] {
  const { config } = ctx;
  const host = bracketHost(probeHost(config.LISTEN_HOST));
  return [
    {
      name: 'https',
      probe: httpCheck({ url: `https://${host}:${config.HTTPS_PORT}/`, insecureTls: true, bodyContains: INDEX_MARKER }),
    },
    {
      name: 'http-redirect',
      probe: httpCheck({ url: `http://${host}:${config.HTTP_PORT}/`, expectStatus: 301, expectLocation: /^https:\/\// }),
    },
    { name: 'ssh', probe: sshProbe(config, paths), intervalMs: 30_000, timeoutMs: 10_000 },
  ];
}

/** Logs in as SSH_USER with its password, or with the agent's key when it has none, and runs `id -un`. */
function sshProbe(config: NginxConfig, paths: NginxPaths): Probe {
  const base = { host: probeHost(config.LISTEN_HOST), port: config.SSH_PORT, user: config.SSH_USER, command: 'id -un', expectOutput: config.SSH_USER };
  if (!checkUsesAgentKey(config)) return sshCheck({ ...base, password: config.SSH_PASSWORD });
  // The key is made by an init step, after the checks are declared: read it when the probe runs.
  let probe: Probe | undefined;
  return async (probeCtx) => {
    probe ??= sshCheck({ ...base, privateKey: await readFile(paths.checkKey, 'utf8') });
    return probe(probeCtx);
  };
}
