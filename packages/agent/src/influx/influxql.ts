/**
 * Quoting for InfluxQL text built from names and values that come from configuration or data.
 *
 * InfluxDB 1.x's InfluxQL spec: a double-quoted identifier may hold any character but a newline,
 * with `\"` for a quote; a string literal is single-quoted, with `\'` for a quote. Both are read by
 * the same scanner routine, which knows exactly four escapes (`\\`, `\'`, `\"`, `\n`), rejects any
 * other backslash pair, and ends the token at a raw newline. So the backslash, the token's own
 * quote and the newline are what must be escaped; everything else is taken literally. Always
 * quoting identifiers also sidesteps the keyword list (a database called `select` is fine).
 */

type Quote = '"' | "'";

/** The one quoting function: `value` between `quote`s, escaped so the scanner reads it back exactly. */
export function quoteInfluxql(value: string, quote: Quote): string {
  let out = quote;
  for (const ch of value) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else out += ch;
  }
  return out + quote;
}

/** A double-quoted identifier: database, retention policy, user, measurement, field or tag key. */
export function ident(name: string): string {
  return quoteInfluxql(name, '"');
}

/** A single-quoted string literal: a password, a tag value. */
export function literal(value: string): string {
  return quoteInfluxql(value, "'");
}
