/** A PHP single-quoted string literal: only \ and ' are special inside one. For rendered PHP configs. */
export function phpString(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}
