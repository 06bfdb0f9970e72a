/** SPEC: `ssh user@IP` gets a shell in the nginx container (a command runs as the named user). */
import { CheckFailure, unreachable } from '../errors.js';
import { sshExec } from '../ssh-client.js';
import type { Check } from './check.js';

export const sshLogin: Check = {
  name: 'ssh-login',
  group: 'ssh',
  title: ({ address, ports }) => `ssh USER@${address}${ports.ssh === 22 ? '' : ` -p ${ports.ssh}`} logs in and runs a command`,
  async run(ctx) {
    const { user, password } = ctx.secrets.ssh;
    const config = { host: ctx.address, port: ctx.ports.ssh, username: user, password, readyTimeout: Math.max(1_000, Math.floor(ctx.timeoutMs / 2)) };
    let result;
    try {
      result = await sshExec(config, 'id -un; hostname', ctx.signal);
    } catch (err) {
      const e = err as Error & { level?: string };
      if (e.level === 'client-authentication')
        throw new CheckFailure('FT_VERIFY_LOGIN_REFUSED', `ssh ${user}@${ctx.address}:${ctx.ports.ssh}: the password was refused`, { cause: err });
      throw unreachable(`ssh ${user}@${ctx.address}:${ctx.ports.ssh}`, err);
    }
    const [who = '', host = ''] = result.stdout.trim().split('\n');
    if (result.code !== 0 || who !== user) {
      throw new CheckFailure(
        'FT_VERIFY_CONTENT',
        `ssh ${user}@${ctx.address}: \`id -un\` exited ${result.code} with ${JSON.stringify(result.stdout.trim().slice(0, 200))}, expected ${user}`,
      );
    }
    return `logged in as ${who} on ${host || '(no hostname)'}; commands run`;
  },
};
