/**
 * Quoting for InfluxQL statements built from configuration. InfluxQL's scanner knows exactly four
 * escapes inside quotes (\\ \' \" \n) and ends a string at a raw newline, so those are all that
 * must be escaped; anything else is taken literally.
 */

function escape(value: string, quote: '"' | "'"): string {
  return value.replace(/\\/g, '\\\\').replace(quote === '"' ? /"/g : /'/g, `\\${quote}`).replace(/\n/g, '\\n');
}

/** A double-quoted identifier: a user, database or retention policy name. */
export function ident(name: string): string {
  return `"${escape(name, '"')}"`;
}

/** A single-quoted string literal: a password. */
export function literal(value: string): string {
  return `'${escape(value, "'")}'`;
}
