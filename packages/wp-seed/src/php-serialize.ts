/**
 * PHP's serialize() for the little WordPress keeps in wp_usermeta: string keys with boolean values
 * (`a:1:{s:13:"administrator";b:1;}`). String lengths are in bytes, as PHP counts them.
 */
export function phpSerializeString(value: string): string {
  return `s:${Buffer.byteLength(value, 'utf8')}:"${value}";`;
}

export function phpSerializeFlags(flags: Readonly<Record<string, boolean>>): string {
  const entries = Object.entries(flags);
  return `a:${entries.length}:{${entries.map(([k, v]) => `${phpSerializeString(k)}b:${v ? 1 : 0};`).join('')}}`;
}

/** The `<prefix>capabilities` value for a single role. */
export function capabilitiesFor(role: string): string {
  return phpSerializeFlags({ [role]: true });
}
