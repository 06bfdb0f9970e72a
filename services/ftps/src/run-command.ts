/** Runs a setup command (adduser, chpasswd) without a shell; its error says what failed, never its input. */
import { execFile } from 'node:child_process';

export function runCommand(argv: readonly string[], input?: string): Promise<void> {
  const [cmd, ...args] = argv;
  if (cmd === undefined) return Promise.reject(new Error('empty command'));
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { timeout: 30_000, encoding: 'utf8' }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${argv.join(' ')} failed: ${stderr.trim() || err.message}`));
      else resolve();
    });
    // stdin, not argv: a password in argv would show in every process listing.
    child.stdin?.end(input ?? '');
  });
}
