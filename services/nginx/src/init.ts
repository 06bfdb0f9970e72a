/** The container's init steps, in order: credentials, directories, TLS, SSH host keys, SSH user. */
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { allowTraversal, ConfigError, ensureSshHostKeys, probeHost, tlsCertStep, type InitStep } from '@ft/agent';
import type { NginxPaths } from './paths.js';
import { startAccessLogReader } from './access-log.js';
import { ensureSshAccount } from './ssh-account.js';
import { makeClientKey } from './check-key.js';
import type { NginxConfig, NginxContext } from './env.js';

/** True when the ssh check logs in with the agent's own key: the user has keys but no password. */
export function checkUsesAgentKey(config: NginxConfig): boolean {
  return config.SSH_PASSWORD === undefined;
}

export function nginxInitSteps(ctx: NginxContext, paths: NginxPaths): InitStep[] {
  const { config, platform } = ctx;
  return [
    {
      name: 'ssh credentials',
      async run() {
        if (config.SSH_PASSWORD === undefined && config.SSH_AUTHORIZED_KEYS === undefined) {
          throw new ConfigError('SSH_PASSWORD', 'is not set and neither is SSH_AUTHORIZED_KEYS; set at least one so the SSH user can log in');
        }
      },
    },
    {
      name: 'directories',
      async run() {
        // The workers (the web user) must reach the page and their temp dirs through the run dir;
        // search permission only, so nothing in it can be listed.
        await allowTraversal(ctx.agent.AGENT_RUN_DIR);
        for (const dir of [paths.nginxPrefix, paths.nginxTemp, paths.www]) {
          await mkdir(dir, { recursive: true, mode: 0o755 });
          await chmod(dir, 0o755);
        }
        await mkdir(platform.privsepDir, { recursive: true, mode: 0o755 });
      },
    },
    {
      name: 'nginx access log',
      async run() {
        await startAccessLogReader(paths.accessLog, ctx.log);
      },
    },
    tlsCertStep({ certPath: paths.cert, keyPath: paths.key, certPem: config.TLS_CERT, keyPem: config.TLS_KEY, commonName: config.EXTERNAL_HOST }),
    {
      name: 'ssh host keys',
      async run() {
        const made = await ensureSshHostKeys(paths.hostKeyDir, { sshKeygen: platform.sshKeygen });
        ctx.log.info({ dir: paths.hostKeyDir, made }, made.length > 0 ? `made ssh host keys: ${made.join(', ')}` : 'kept the ssh host keys');
      },
    },
    {
      name: 'ssh user',
      async run() {
        const extraKeys: string[] = [];
        if (checkUsesAgentKey(config)) {
          // No password to log in with: the check uses a key of its own, good for nothing but
          // running `id -un` from this container's probe address.
          await makeClientKey(paths.checkKey, platform.sshKeygen, 'ft-agent-check');
          const publicKey = (await readFile(`${paths.checkKey}.pub`, 'utf8')).trim();
          extraKeys.push(`restrict,command="id -un",from="${probeHost(config.LISTEN_HOST)}" ${publicKey}`);
        }
        const account = await ensureSshAccount({
          user: config.SSH_USER,
          password: config.SSH_PASSWORD,
          authorizedKeys: config.SSH_AUTHORIZED_KEYS,
          extraKeys,
          addUser: platform.addUser,
        });
        ctx.log.info(
          {
            user: account.name,
            uid: account.uid,
            created: account.created,
            password: config.SSH_PASSWORD !== undefined,
            keys: config.SSH_AUTHORIZED_KEYS?.length ?? 0,
          },
          `ssh user ${account.name} ${account.created ? 'created' : 'updated'}`,
        );
      },
    },
  ];
}
