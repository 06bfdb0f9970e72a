/** A PHP single-quoted string literal: only \ and ' are special inside one. */
export function phpString(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}
