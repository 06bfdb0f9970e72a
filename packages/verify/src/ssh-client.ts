/** An ssh2 client as a user's `ssh user@IP command`: log in with a password, run one command. */
import { Client, type ConnectConfig } from 'ssh2';

export interface SshResult {
  code: number | null;
  stdout: string;
}

/**
 * Logs in and runs `command`; rejects with ssh2's error (level 'client-authentication' when the
 * credentials were refused). The host key is accepted: the deployment generated it, there is no
 * known_hosts to compare with. A `signal` ends the connection.
 */
export function sshExec(config: ConnectConfig, command: string, signal?: AbortSignal): Promise<SshResult> {
  return new Promise((resolve, reject) => {
    const conn = new Client();
    const onAbort = (): void => {
      conn.end();
      reject(new Error('ssh: aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (): void => signal?.removeEventListener('abort', onAbort);
    conn.on('error', (err) => (done(), reject(err)));
    conn.on('ready', () => {
      conn.exec(command, (err, stream) => {
        if (err) {
          done();
          conn.end();
          reject(err);
          return;
        }
        let stdout = '';
        let code: number | null = null;
        stream.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
        stream.stderr.on('data', () => undefined);
        stream.on('exit', (c: number | null) => (code = c));
        stream.on('close', () => {
          done();
          conn.end();
          resolve({ code, stdout });
        });
      });
    });
    conn.connect({ host: '127.0.0.1', readyTimeout: 20_000, hostVerifier: () => true, tryKeyboard: false, ...config });
  });
}

/** How an ssh2 login went: 'ok', 'refused' when the server said no to the credentials, else the error. */
export async function sshLoginOutcome(config: ConnectConfig, signal?: AbortSignal): Promise<'ok' | 'refused' | `error: ${string}`> {
  try {
    await sshExec(config, 'true', signal);
    return 'ok';
  } catch (err) {
    const e = err as Error & { level?: string };
    return e.level === 'client-authentication' ? 'refused' : `error: ${e.message}`;
  }
}
