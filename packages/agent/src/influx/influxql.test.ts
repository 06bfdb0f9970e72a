import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Point } from '@influxdata/influxdb-client';
import { startInfluxdb, type InfluxdbServer } from '@ft/testkit';
import { InfluxClient } from './influx-client.js';
import { ident, literal, quoteInfluxql } from './influxql.js';

describe('InfluxQL quoting (the spec: \\" in identifiers, \\\' in strings; the scanner: \\\\ \\\' \\" \\n)', () => {
  it('identifiers are double-quoted; quote, backslash and newline escaped', () => {
    expect(ident('metrics')).toBe('"metrics"');
    expect(ident('we"ird')).toBe('"we\\"ird"');
    // A backslash left alone would escape the character after it, or be a bad escape.
    expect(ident('back\\slash')).toBe('"back\\\\slash"');
    expect(ident('trailing\\')).toBe('"trailing\\\\"');
    expect(ident('two\nlines')).toBe('"two\\nlines"');
    // Single quotes are literal inside a double-quoted identifier.
    expect(ident("it's")).toBe('"it\'s"');
  });

  it('string literals are single-quoted; quote, backslash and newline escaped', () => {
    expect(literal("it's")).toBe("'it\\'s'");
    expect(literal('back\\slash')).toBe("'back\\\\slash'");
    expect(literal('two\nlines')).toBe("'two\\nlines'");
    expect(literal('"double" stays')).toBe('\'"double" stays\'');
  });

  it('keywords, spaces, unicode and other punctuation need no escape once quoted', () => {
    expect(ident('select')).toBe('"select"');
    expect(ident('a b,c=d;e')).toBe('"a b,c=d;e"');
    expect(quoteInfluxql('ünï cødé ✓', "'")).toBe("'ünï cødé ✓'");
  });
});

describe('InfluxQL quoting read back by a real InfluxDB 1.6', () => {
  let influx: InfluxdbServer;
  let admin: InfluxClient;
  beforeAll(async () => {
    influx = await startInfluxdb();
    admin = new InfluxClient({ url: influx.url, user: influx.adminUser, password: influx.adminPassword });
  });
  afterAll(async () => {
    admin?.close();
    await influx?.destroy();
  });

  // 1.x refuses backslashes, slashes and newlines in database names; those are tried on users and measurements below.
  const names = ['plain', 'select', 'with space', 'quo"te', "apo'strophe", 'ünï cødé', 'a,b=c;d'];

  it('a database per odd name: SHOW DATABASES lists each exactly', async () => {
    for (const name of names) await admin.query(`CREATE DATABASE ${ident(name)}`, { method: 'POST' });
    const listed = (await admin.series('SHOW DATABASES'))[0]?.values?.map((v) => v[0]);
    expect(listed).toEqual(expect.arrayContaining(names));
  });

  it('a password with every escaped character logs in', async () => {
    const password = `p'a"s\\s\nw ✓`;
    await admin.query(`CREATE USER ${ident('odd "user"\\')} WITH PASSWORD ${literal(password)}`, { method: 'POST' });
    await admin.query(`GRANT READ ON ${ident('plain')} TO ${ident('odd "user"\\')}`, { method: 'POST' });
    const user = new InfluxClient({ url: influx.url, user: 'odd "user"\\', password });
    try {
      await expect(user.query('SHOW MEASUREMENTS', { db: 'plain' })).resolves.toBeDefined();
    } finally {
      user.close();
    }
  });

  it('a measurement, field and tag value with quotes and backslashes are found again', async () => {
    const measurement = 'back\\slash "m"';
    // (A backslash before a space or comma would be line protocol's problem, not InfluxQL's: none here.)
    const field = "it's\\f";
    const value = `it's a "test" \\ok`;
    const line = new Point(measurement).tag('t', value).floatField(field, 1).timestamp('1000').toLineProtocol();
    await admin.write(line ?? '', { db: 'plain' });
    const rows = await admin.rows(`SELECT ${ident(field)} FROM ${ident(measurement)} WHERE ${ident('t')} = ${literal(value)}`, { db: 'plain' });
    expect(rows).toEqual([{ time: '1970-01-01T00:00:01Z', [field]: 1 }]);
  });

  it('an unescaped backslash is what the scanner refuses (the rule the quoting follows)', async () => {
    await expect(admin.query(`SHOW RETENTION POLICIES ON "bad\\xname"`)).rejects.toThrow(/found \\x/);
  });
});
