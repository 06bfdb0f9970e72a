/**
 * FTP as an ordinary client does it, through basic-ftp: an upload and a download with TLS forced
 * on the control and the data connections, and a plain-FTP login that must be refused.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { TLSSocket } from 'node:tls';
import { Client, FTPError, enterPassiveModeIPv4 } from 'basic-ftp';
import { CheckFailure, unreachable } from './errors.js';

export interface FtpLogin {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Aborts the session (the check's deadline). */
  signal?: AbortSignal;
  /** basic-ftp's per-step timeout, ms (default 20 s). */
  timeoutMs?: number;
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

function clientFor(login: FtpLogin): { client: Client; release: () => void } {
  const client = new Client(login.timeoutMs ?? 20_000);
  // PASV, as FileZilla, lftp and curl --disable-epsv use it over IPv4: the data connection goes to
  // the address the server advertises, so a wrong pasv_address fails here as it would for a user
  // (EPSV would reuse the control connection's address and hide it).
  client.prepareTransfer = enterPassiveModeIPv4;
  const onAbort = (): void => client.close();
  login.signal?.addEventListener('abort', onAbort, { once: true });
  return { client, release: () => (login.signal?.removeEventListener('abort', onAbort), client.close()) };
}

/**
 * Logs in with explicit TLS (AUTH TLS, then PBSZ 0 / PROT P: data over TLS too), uploads `size`
 * random bytes, downloads them back, compares, removes the file. Resolves with what it did;
 * rejects with a CheckFailure naming the step that failed.
 */
export async function ftpsRoundTrip(login: FtpLogin, size = 256 * 1024): Promise<string> {
  const { client, release } = clientFor(login);
  const target = `${login.user}@${login.host}:${login.port}`;
  const name = `ft-verify-${randomBytes(6).toString('hex')}.bin`;
  const data = randomBytes(size);
  let step = 'connect';
  try {
    await client.connect(login.host, login.port);
    step = 'AUTH TLS';
    // Required: a server that does not offer TLS fails here, never falls back to clear text. The
    // certificate is self-signed by the deployment: what is checked is that TLS is enforced.
    await client.useTLS({ host: login.host, rejectUnauthorized: false });
    const protocol = client.ftp.socket instanceof TLSSocket ? client.ftp.socket.getProtocol() : null;
    if (!protocol) throw new CheckFailure('FT_VERIFY_CONTENT', `ftps ${target}: the control connection is not TLS after AUTH TLS`);
    step = 'login';
    await client.login(login.user, login.password);
    step = 'PBSZ/PROT P';
    await client.useDefaultSettings();
    step = `upload ${name}`;
    await client.uploadFrom(Readable.from([data]), name);
    step = `download ${name}`;
    const chunks: Buffer[] = [];
    await client.downloadTo(
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          chunks.push(chunk);
          cb();
        },
      }),
      name,
    );
    const back = Buffer.concat(chunks);
    step = `remove ${name}`;
    await client.remove(name);
    if (sha256(back) !== sha256(data)) {
      throw new CheckFailure('FT_VERIFY_TRANSFER', `ftps ${target}: downloaded ${back.length} bytes that differ from the ${data.length} uploaded`);
    }
    return `${protocol}, ${data.length} bytes up and back over TLS data connections (PASV), identical`;
  } catch (err) {
    if (err instanceof CheckFailure) throw err;
    if (err instanceof FTPError) {
      const code = step === 'login' ? 'FT_VERIFY_LOGIN_REFUSED' : 'FT_VERIFY_CONTENT';
      throw new CheckFailure(code, `ftps ${target}: ${step} refused: ${err.message.trim()}`, { cause: err });
    }
    const hint = /data connection/i.test(String((err as Error)?.message))
      ? ` (the passive address and ports the server advertises must reach it from here: pasv_address = ${login.host})`
      : '';
    throw unreachable(`ftps ${target}: ${step}${hint}`, err);
  } finally {
    release();
  }
}

/** A login in clear text with the right password: 'refused' with the server's answer, or 'accepted'. */
export async function plainFtpLogin(login: FtpLogin): Promise<{ outcome: 'refused' | 'accepted'; reply: string }> {
  const { client, release } = clientFor(login);
  try {
    await client.connect(login.host, login.port);
    const answer = await client.login(login.user, login.password);
    return { outcome: 'accepted', reply: `${answer.code} ${answer.message.trim()}` };
  } catch (err) {
    // basic-ftp's message is the server's reply line, code included.
    if (err instanceof FTPError) return { outcome: 'refused', reply: err.message.trim() };
    throw unreachable(`ftp ${login.user}@${login.host}:${login.port}`, err);
  } finally {
    release();
  }
}
