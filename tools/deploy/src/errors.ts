/**
 * Every error the deploy tool raises, with a stable code. A DeployError is a refusal or a failure
 * the user can act on: its message says what is wrong and what to do instead; `detail` carries the
 * diagnosis (printed after the message, on stderr).
 */
export const ERROR_CODES = {
  USAGE: 'FT_DEPLOY_USAGE',
  MISSING_TOOL: 'FT_DEPLOY_MISSING_TOOL',
  REFUSED: 'FT_DEPLOY_REFUSED',
  VERSION: 'FT_DEPLOY_VERSION',
  COMMAND_FAILED: 'FT_DEPLOY_COMMAND_FAILED',
  BAD_OUTPUT: 'FT_DEPLOY_BAD_OUTPUT',
  CHECKSUM: 'FT_DEPLOY_CHECKSUM',
  ADDRESS: 'FT_DEPLOY_ADDRESS',
  NOT_READY: 'FT_DEPLOY_NOT_READY',
  VERIFY: 'FT_DEPLOY_VERIFY',
  NO_CLUSTER: 'FT_DEPLOY_NO_CLUSTER',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export class DeployError extends Error {
  override readonly name = 'DeployError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail = '',
  ) {
    super(message);
  }
}

/** The exit status of each code: 64 for usage (sysexits EX_USAGE), 1 for everything else. */
export function exitStatusOf(err: unknown): number {
  return err instanceof DeployError && err.code === ERROR_CODES.USAGE ? 64 : 1;
}

export const usageError = (message: string) => new DeployError(ERROR_CODES.USAGE, `${message} (./setup.sh --help)`);
export const refused = (message: string) => new DeployError(ERROR_CODES.REFUSED, message);
