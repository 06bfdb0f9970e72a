/** SPEC: no root login over SSH (tried with the user's password, as a guess would be). */
import { CheckFailure } from '../errors.js';
import { sshLoginOutcome } from '../ssh-client.js';
import type { Check } from './check.js';

export const sshRootRefused: Check = {
  name: 'ssh-root-refused',
  group: 'ssh',
  title: ({ address, ports }) => `ssh root@${address}${ports.ssh === 22 ? '' : ` -p ${ports.ssh}`} is refused`,
  async run(ctx) {
    const config = {
      host: ctx.address,
      port: ctx.ports.ssh,
      username: 'root',
      password: ctx.secrets.ssh.password,
      readyTimeout: Math.max(1_000, Math.floor(ctx.timeoutMs / 2)),
    };
    const outcome = await sshLoginOutcome(config, ctx.signal);
    if (outcome === 'ok') throw new CheckFailure('FT_VERIFY_LOGIN_ACCEPTED', `ssh root@${ctx.address}:${ctx.ports.ssh} logged in`);
    // A refusal is only proven by an answer: a connection that fails proves nothing.
    if (outcome !== 'refused') throw new CheckFailure('FT_VERIFY_UNREACHABLE', `ssh root@${ctx.address}:${ctx.ports.ssh}: ${outcome.replace(/^error: /, '')}`);
    return 'root refused by the server';
  },
};
