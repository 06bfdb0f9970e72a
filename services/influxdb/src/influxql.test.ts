import { describe, expect, it } from 'vitest';
import { ident, literal } from './influxql.js';

describe('InfluxQL quoting', () => {
  it('quotes identifiers, escaping double quotes and backslashes', () => {
    expect(ident('metrics')).toBe('"metrics"');
    expect(ident('we"ird\\name')).toBe('"we\\"ird\\\\name"');
  });

  it('quotes string literals with the four escapes the scanner knows', () => {
    expect(literal("it's")).toBe("'it\\'s'");
    expect(literal('back\\slash')).toBe("'back\\\\slash'");
    expect(literal('two\nlines')).toBe("'two\\nlines'");
    expect(literal('"double" stays')).toBe('\'"double" stays\'');
  });
});
