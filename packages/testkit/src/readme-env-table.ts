/**
 * A service README's environment table, generated from its env.ts: the schema says each
 * variable's default (or that it is required, or may stay unset) and whether it is secret; the
 * doc comment on each variable in env.ts says what it means (read with the TypeScript checker, so
 * a variable spread in from another module, php-site's, brings its own). The table sits between
 * two markers in README.md. expectReadmeEnvTable fails when the README's table differs, or a
 * variable has no doc comment; with FT_WRITE_README=1 it writes the table instead.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSecret, type EnvShape } from '@ft/agent';
import ts from 'typescript';
import { expect } from 'vitest';

export const ENV_TABLE_START = '<!-- env-table: generated from src/env.ts; remake with FT_WRITE_README=1 npx vitest run src/env.test.ts -->';
export const ENV_TABLE_END = '<!-- /env-table -->';

/**
 * What a variable means. A default the table cannot print (a parsed value, such as influxdb's
 * retention) comes as text with it: `{ default, meaning }` (a `@default` tag in the doc comment).
 */
export type EnvDoc = string | { readonly default: string; readonly meaning: string };
export type EnvDocs<S extends EnvShape> = { readonly [K in keyof S]: EnvDoc };

type Def = { type: string; innerType?: unknown; defaultValue?: unknown };

/**
 * The default column: the default value, `optional`, or `required`; `secret` when it is one.
 * `given` is the doc's text for a default that is not a plain value, and refused for one that is
 * (the schema's own value is printed, so the README cannot disagree with it).
 */
export function defaultCell(schema: EnvShape[string], given?: string): string {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  let cell: string;
  if (def.type === 'default') cell = formatValue(def.defaultValue, given);
  else if (given !== undefined) throw new Error(`a default is documented but the schema has none (${given})`);
  else if (def.type === 'optional') cell = 'optional';
  else cell = 'required';
  return isSecret(schema) ? `${cell}, secret` : cell;
}

function formatValue(value: unknown, given: string | undefined): string {
  const plain = ['string', 'number', 'boolean'].includes(typeof value);
  if (plain && given !== undefined) throw new Error(`the default ${String(value)} is printed from the schema; do not document it (${given})`);
  if (!plain) {
    if (given === undefined) throw new Error('the default is not a plain value: give its text in the docs as { default, meaning }');
    return given;
  }
  return value === '' ? "'' (empty)" : String(value);
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The markdown table, one row per variable in the schema's order. */
export function envTable<S extends EnvShape>(env: S, docs: EnvDocs<S>): string {
  const rows = Object.entries(env).map(([name, schema]) => {
    const doc: EnvDoc = docs[name] ?? '';
    const [given, meaning] = typeof doc === 'string' ? [undefined, doc] : [doc.default, doc.meaning];
    return `| \`${name}\` | ${cell(defaultCell(schema, given))} | ${cell(meaning)} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

/** `readme` with the text between the markers replaced by `table`; throws when the markers are missing. */
export function withEnvTable(readme: string, table: string): string {
  const start = readme.indexOf(ENV_TABLE_START);
  const end = readme.indexOf(ENV_TABLE_END);
  if (start < 0 || end < start) throw new Error(`README has no environment table markers (${ENV_TABLE_START} ... ${ENV_TABLE_END})`);
  return `${readme.slice(0, start + ENV_TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}

/**
 * The doc comment of each property of `exportName` in the TypeScript module `source` (its
 * tsconfig.json is the nearest one above it): the text, and the `@default` tag's text when given.
 */
export function envDocsFromSource(source: URL, exportName: string): Record<string, EnvDoc> {
  const file = fileURLToPath(source);
  const configPath = ts.findConfigFile(path.dirname(file), (f) => ts.sys.fileExists(f));
  if (!configPath) throw new Error(`no tsconfig.json above ${file}`);
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, (f) => ts.sys.readFile(f)).config, ts.sys, path.dirname(configPath));
  const program = ts.createProgram([file], { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const module = program.getSourceFile(file);
  const moduleSymbol = module && checker.getSymbolAtLocation(module);
  const symbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === exportName);
  if (!symbol) throw new Error(`${file} exports no ${exportName}`);
  const docs: Record<string, EnvDoc> = {};
  for (const property of checker.getTypeOfSymbol(symbol).getProperties()) {
    const meaning = ts.displayPartsToString(property.getDocumentationComment(checker)).replace(/\s+/g, ' ').trim();
    const given = property.getJsDocTags(checker).find((tag) => tag.name === 'default');
    docs[property.name] = given ? { default: ts.displayPartsToString(given.text).trim(), meaning } : meaning;
  }
  return docs;
}

export interface ReadmeEnvTable {
  /** The service's README.md. */
  readme: URL;
  /** The module that exports the schema (src/env.ts). */
  source: URL;
  exportName: string;
  env: EnvShape;
}

/** Fails when a variable has no doc comment or the README's table is not the one env.ts gives (FT_WRITE_README=1 writes it). */
export async function expectReadmeEnvTable({ readme: readmeUrl, source, exportName, env }: ReadmeEnvTable): Promise<void> {
  const docs = envDocsFromSource(source, exportName);
  const undocumented = Object.keys(env).filter((name) => {
    const doc = docs[name];
    return (typeof doc === 'string' ? doc : (doc?.meaning ?? '')) === '';
  });
  expect(undocumented, 'variables without a doc comment in env.ts').toEqual([]);
  const readme = await readFile(readmeUrl, 'utf8');
  const wanted = withEnvTable(readme, envTable(env, docs as EnvDocs<EnvShape>));
  if (process.env.FT_WRITE_README === '1') {
    if (wanted !== readme) await writeFile(readmeUrl, wanted);
    return;
  }
  expect(readme, 'README.md environment table (FT_WRITE_README=1 remakes it)').toBe(wanted);
}
