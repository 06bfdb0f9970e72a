/**
 * @ft/verify: the evaluator's checks of SPEC.md, run as a client against a deployment's one
 * public address (the LB IP of a cluster, or the local mode's 127.0.0.2), with its own secrets.
 *
 *   const results = await runChecks({ address: '192.168.49.240' }, { secrets });
 *   process.stdout.write(`${formatReport(results)}\n`);
 *   if (failedChecks(results).length > 0) process.exitCode = 1;
 *
 * - `runChecks(target, options) -> Promise<CheckResult[]>`: every check of CHECK_NAMES (or
 *   `options.only`), each with a deadline (`timeoutMs`, default 45 s); `options.skip` reports a
 *   check as skipped with a reason; `options.onResult` is called as each one ends. It never throws
 *   for a failing check (only for unknown check names); each result has the check's `name`, a
 *   `title`, `status` pass | fail | skip, a `message` (what was found, or why it failed, never a
 *   password) and a failure's stable `code` (errors.ts).
 * - `formatReport(results, { color })`: one line per check, the reason below, a total line naming
 *   the failed checks. `failedChecks(results)`: their names.
 * - `secrets` is the subset of secrets.json (tools/stack's schema) a user is given: ssh, ftp,
 *   wordpress (db account for phpMyAdmin, users), grafana admin (optional).
 * - The clients the checks use (a cookie-keeping Browser, request, sshExec, basic-ftp round trip,
 *   WordPress and phpMyAdmin logins) are exported for the test suites that go further.
 */
export { runChecks, checkTitle, failedChecks, resolvePorts } from './run-checks.js';
export { formatReport, type ReportOptions } from './format-report.js';
export {
  CHECK_NAMES,
  DEFAULT_PORTS,
  type CheckName,
  type CheckResult,
  type CheckStatus,
  type TargetPorts,
  type VerifyOptions,
  type VerifySecrets,
  type VerifyTarget,
  type WordpressRole,
} from './types.js';
export { CheckFailure, type VerifyErrorCode } from './errors.js';
export { Browser, type BrowserOptions, type Page } from './browser.js';
export { request, type RawResponse, type RequestOptions } from './http-request.js';
export { sshExec, sshLoginOutcome, type SshResult } from './ssh-client.js';
export { ftpsRoundTrip, plainFtpLogin, type FtpLogin } from './ftp-client.js';
export { tcpProbe, type TcpOutcome } from './tcp-probe.js';
export { wordpressLogin, loginError, type WordpressLogin } from './wordpress-login.js';
export { phpmyadminLogin, phpmyadminSql, submitLogin, hiddenInput, hasLoginForm, type PhpmyadminSession } from './phpmyadmin-login.js';
