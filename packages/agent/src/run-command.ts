/**
 * Runs a short setup command of an init step (useradd, chpasswd, ssh-keygen, mkfifo) without a
 * shell. Input goes on stdin, never in argv, where a password would show in every process listing;
 * a failure says which command and its first stderr line, never the input.
 */
import { spawn } from 'node:child_process';
import { CommandError } from './errors.js';

export interface RunCommandOptions {
  /** Killed (SIGKILL) after this long. Default 30 s. */
  timeoutMs?: number;
}

export async function runCommand(argv: readonly string[], input?: string, options: RunCommandOptions = {}): Promise<void> {
  const [command, ...args] = argv;
  if (!command) throw new Error('runCommand: empty argv');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${command}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          new CommandError(
            command,
            code,
            `${command} ${signal ? `killed by ${signal}` : `exited with ${code}`}${stderr.trim() ? `: ${stderr.trim().split('\n')[0]}` : ''}`,
          ),
        );
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}
