/**
 * Secret values out of a text bound for a log line, an error or a check's answer: client libraries
 * echo what they were given (mysql2 puts the formatted SQL in its errors), so every message built
 * from a foreign error goes through here with the secrets the code at hand holds.
 */

export const SECRET_MASK = '***';

/**
 * `text` with every occurrence of each secret replaced by ***. Secrets shorter than `minLength`
 * are left (a two-letter value would blank ordinary words); the longest goes first, so a secret
 * that contains another is masked whole.
 */
export function maskSecrets(text: string, secrets: readonly (string | undefined)[], minLength = 1): string {
  const masked = secrets.filter((s): s is string => s !== undefined && s.length >= Math.max(1, minLength)).sort((a, b) => b.length - a.length);
  let out = text;
  for (const secret of masked) out = out.split(secret).join(SECRET_MASK);
  return out;
}
