/** Logs in over SSH (password or key) and runs a command that must exit 0. */
import type { ConnectConfig } from 'ssh2';
import { lazyModule } from '../lazy-module.js';
import type { Probe } from '../types.js';
import { abortable } from './abortable.js';
import { checkFailed, unreachable } from './messages.js';

// Pure: a bundle whose service never uses this check leaves the client library out altogether.
const loadSsh = /* @__PURE__ */ lazyModule(() => import('ssh2'));

export interface SshCheckOptions {
  host: string;
  port: number;
  user: string;
  password?: string;
  /** OpenSSH or PEM private key, unencrypted. */
  privateKey?: string;
  /** Default 'true'. */
  command?: string;
  /** Text the command's standard output must contain. */
  expectOutput?: string;
}

/** Output kept from the command: enough for a marker, bounded for a chatty command. */
const MAX_OUTPUT_BYTES = 64 * 1024;

export function sshCheck(options: SshCheckOptions): Probe {
  if (options.password === undefined && options.privateKey === undefined) throw new TypeError('sshCheck: give a password or a privateKey');
  const command = options.command ?? 'true';
  const target = `ssh ${options.user}@${options.host}:${options.port}`;
  const secrets = [options.password];
  const config: ConnectConfig = {
    host: options.host,
    port: options.port,
    username: options.user,
    password: options.password,
    privateKey: options.privateKey,
    tryKeyboard: false,
    // The probe asks "can a user get in", not "is this the host we expect": any host key will do.
    hostVerifier: () => true,
    // The probe's signal is the deadline; ssh2's own handshake timer would only race it.
    readyTimeout: 0,
  };

  return async ({ signal }) => {
    const { Client } = await loadSsh();
    return abortable<string>(signal, (resolve, reject) => {
      const conn = new Client();
      conn.on('error', (err: Error & { level?: string }) => {
        // 'client-authentication': the server answered and refused these credentials.
        reject(
          err.level === 'client-authentication' ? checkFailed(target, `authentication failed (${err.message})`, secrets) : unreachable(target, err, secrets),
        );
      });
      conn.on('close', () => reject(unreachable(target, new Error('connection closed'))));
      conn.on('ready', () => {
        conn.exec(command, (err, stream) => {
          if (err) {
            reject(checkFailed(target, `exec ${command}: ${err.message}`, secrets));
            return;
          }
          let stdout = '';
          let stderr = '';
          let exit: { code: number | null; signal: string | undefined } | undefined;
          stream.on('data', (chunk: Buffer) => {
            if (stdout.length < MAX_OUTPUT_BYTES) stdout += chunk.toString('utf8');
          });
          stream.stderr.on('data', (chunk: Buffer) => {
            if (stderr.length < MAX_OUTPUT_BYTES) stderr += chunk.toString('utf8');
          });
          stream.on('exit', (code: number | null, signalName?: string) => {
            exit = { code, signal: signalName };
          });
          stream.on('close', () => {
            const problem = exitProblem(exit, stderr) ?? outputProblem(options.expectOutput, stdout);
            if (problem) reject(checkFailed(target, `${command}: ${problem}`, secrets));
            else resolve(`${command}: exit 0`);
          });
        });
      });
      conn.connect(config);
      return (outcome) => {
        // A polite disconnect after success; otherwise just drop the socket.
        if (outcome === 'ok') conn.end();
        else conn.destroy();
      };
    });
  };
}

function exitProblem(exit: { code: number | null; signal: string | undefined } | undefined, stderr: string): string | undefined {
  if (exit === undefined) return 'no exit status';
  if (exit.code === 0) return undefined;
  const how = exit.signal ? `killed by ${exit.signal}` : `exit ${exit.code}`;
  const firstLine = stderr.trim().split('\n')[0];
  return firstLine ? `${how}: ${firstLine}` : how;
}

function outputProblem(expected: string | undefined, stdout: string): string | undefined {
  if (expected === undefined || stdout.includes(expected)) return undefined;
  return `output does not contain ${JSON.stringify(expected)}`;
}
