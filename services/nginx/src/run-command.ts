/** Runs a short helper command (useradd, chpasswd, ssh-keygen) and fails with its stderr, never its input. */
import { spawn } from 'node:child_process';

export async function runCommand(argv: readonly string[], input?: string): Promise<void> {
  const [command, ...args] = argv;
  if (!command) throw new Error('runCommand: empty argv');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    child.on('error', (err) => reject(new Error(`${command}: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new CommandError(command, code, `${command} ${signal ? `killed by ${signal}` : `exited with ${code}`}${stderr.trim() ? `: ${stderr.trim().split('\n')[0]}` : ''}`));
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}
