/**
 * Logs in to an FTP server with explicit TLS (AUTH TLS) and lists a directory, which also opens a
 * TLS data connection through the passive ports. A server that does not offer TLS fails.
 */
import { lazyModule } from '../lazy-module.js';
import type { Probe } from '../types.js';
import { abortable } from './abortable.js';
import { checkFailed, unreachable } from './messages.js';

// Pure: a bundle whose service never uses this check leaves the client library out altogether.
const loadFtp = /* @__PURE__ */ lazyModule(() => import('basic-ftp'));

export interface FtpsCheckOptions {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Directory to list. Default '/'. */
  path?: string;
}

export function ftpsCheck(options: FtpsCheckOptions): Probe {
  const dir = options.path ?? '/';
  const target = `ftps ${options.user}@${options.host}:${options.port}`;
  const secrets = [options.password];

  return async ({ signal }) => {
    const { Client, FTPError } = await loadFtp();
    return abortable<string>(signal, (resolve, reject) => {
      // Timeout 0: the probe's signal is the deadline; basic-ftp's own timer would only race it.
      const client = new Client(0);
      // The steps of basic-ftp's access(), taken one by one so a failure says which step failed.
      let step = 'connect';
      const session = async (): Promise<string> => {
        await client.connect(options.host, options.port);
        step = 'AUTH TLS';
        // Explicit TLS, required: a refusal is a failure, never a fallback to clear text. The
        // platform's certificate is self-signed; what matters here is that TLS is enforced.
        await client.useTLS({ host: options.host, rejectUnauthorized: false });
        step = 'login';
        await client.login(options.user, options.password);
        step = 'session setup';
        // TYPE I, PBSZ 0, PROT P: data connections are TLS too.
        await client.useDefaultSettings();
        // CWD first: vsftpd answers LIST of a missing directory with an empty listing, not an error.
        step = `cd ${dir}`;
        await client.cd(dir);
        step = `list ${dir}`;
        const entries = await client.list();
        return `listed ${entries.length} entries in ${dir}`;
      };
      session().then(resolve, (err: unknown) =>
        reject(err instanceof FTPError ? checkFailed(`${target}: ${step} refused`, err.message, secrets) : unreachable(`${target}: ${step}`, err, secrets)),
      );
      return () => client.close();
    });
  };
}
