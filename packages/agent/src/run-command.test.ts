import { describe, expect, it } from 'vitest';
import { CommandError } from './errors.js';
import { runCommand } from './run-command.js';

describe('runCommand', () => {
  it('feeds input on stdin and resolves on exit 0', async () => {
    await expect(runCommand(['sh', '-c', 'read line; test "$line" = secret-input'], 'secret-input\n')).resolves.toBeUndefined();
  });

  it('fails with the exit status and the first stderr line, never the input', async () => {
    const err = await runCommand(['sh', '-c', 'cat >/dev/null; echo "no such user" >&2; exit 9'], 'secret-input\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as CommandError).status).toBe(9);
    expect((err as CommandError).message).toBe('sh exited with 9: no such user');
    expect((err as CommandError).message).not.toContain('secret-input');
  });

  it('kills a command that outlives its timeout', async () => {
    await expect(runCommand(['sleep', '30'], undefined, { timeoutMs: 200 })).rejects.toThrow('sleep killed by SIGKILL');
  });
});
