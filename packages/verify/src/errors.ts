/**
 * Every way a check fails, in one place, each with a stable code: the report prints the code, and
 * tools (setup.sh verify's diagnosis) match on it to decide what to show next.
 */
import { maskSecrets } from '@ft/agent/host';

export type VerifyErrorCode =
  /** Nothing answered on the port (refused, reset, no route, TLS handshake failed). */
  | 'FT_VERIFY_UNREACHABLE'
  /** The check did not finish within its deadline. */
  | 'FT_VERIFY_TIMEOUT'
  /** An HTTP status other than the one SPEC.md asks for. */
  | 'FT_VERIFY_STATUS'
  /** A redirect to the wrong place. */
  | 'FT_VERIFY_LOCATION'
  /** The page answered but is not what it should be (no phpMyAdmin form, no WordPress, ...). */
  | 'FT_VERIFY_CONTENT'
  /** A login that should work was refused. */
  | 'FT_VERIFY_LOGIN_REFUSED'
  /** A login that must be refused (root over SSH, plain FTP) was accepted. */
  | 'FT_VERIFY_LOGIN_ACCEPTED'
  /** A transfer did not give back the bytes sent. */
  | 'FT_VERIFY_TRANSFER'
  /** Something answered on a port that must be closed on the public address. */
  | 'FT_VERIFY_PORT_OPEN'
  /** The options or secrets given to the library are unusable. */
  | 'FT_VERIFY_USAGE';

export class CheckFailure extends Error {
  readonly code: VerifyErrorCode;
  constructor(code: VerifyErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CheckFailure';
    this.code = code;
  }
}

/** A client error (ECONNREFUSED, a TLS alert, ...) as a failure saying what could not be reached. */
export function unreachable(what: string, err: unknown): CheckFailure {
  if (err instanceof CheckFailure) return err;
  const e = err as NodeJS.ErrnoException;
  const detail = e?.code && !String(e.message).includes(e.code) ? `${e.code}: ${e.message}` : String(e?.message ?? err);
  return new CheckFailure('FT_VERIFY_UNREACHABLE', `${what}: ${detail}`, { cause: err });
}

/**
 * Replaces every secret value in a message (a client library may echo what it was given). Values
 * under 4 characters are left: the checks' secrets are passwords, and a short one would blank words.
 */
export function redact(text: string, secrets: readonly string[]): string {
  return maskSecrets(text, secrets, 4);
}
