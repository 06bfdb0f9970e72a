import { describe, expect, it } from 'vitest';
import { commandLine, ProcessRunner, shellWord } from './runner.js';

describe('commandLine', () => {
  it('prints a command as it would be typed, quoting shell characters', () => {
    expect(shellWord('plain-word_1.2:3=4')).toBe('plain-word_1.2:3=4');
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
    expect(shellWord('{{json .}}')).toBe(`'{{json .}}'`);
    expect(commandLine({ cmd: 'docker', args: ['image', 'inspect', '--format', '{{.Id}}'], env: { DOCKER_HOST: 'tcp://1.2.3.4:2376' } })).toBe(
      "env DOCKER_HOST=tcp://1.2.3.4:2376 docker image inspect --format '{{.Id}}'",
    );
  });
});

describe('ProcessRunner', () => {
  it('with --dry-run prints and runs nothing, handing back the placeholder', async () => {
    const lines: string[] = [];
    const r = new ProcessRunner(true, (l) => lines.push(l));
    const out = await r.run({ cmd: 'false', args: [] }, { placeholder: '<x>' });
    expect(out).toEqual({ code: 0, stdout: '<x>', stderr: '' });
    expect(lines).toEqual(['+ false']);
  });

  it('runs an argument array without a shell, and feeds stdin', async () => {
    const r = new ProcessRunner(false, () => undefined);
    const out = await r.run({ cmd: process.execPath, args: ['-e', 'process.stdin.pipe(process.stdout)', '$(touch /tmp/nope)'], input: 'a;b|c' });
    expect(out.stdout).toBe('a;b|c');
  });

  it('throws naming the command and its last output on failure, unless allowed', async () => {
    const r = new ProcessRunner(false, () => undefined);
    await expect(r.run({ cmd: process.execPath, args: ['-e', 'console.error("boom"); process.exit(3)'] })).rejects.toThrow(/exited 3:\nboom/);
    expect((await r.run({ cmd: process.execPath, args: ['-e', 'process.exit(3)'] }, { allowFailure: true })).code).toBe(3);
    expect((await r.run({ cmd: 'no-such-command-ft', args: [] }, { allowFailure: true })).stderr).toMatch(/command not found/);
  });
});
