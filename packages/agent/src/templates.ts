/**
 * Renders config files from Handlebars templates. Strict mode turns a reference to a variable the
 * context lacks into an error, so a typo fails a test instead of leaving a blank in nginx.conf.
 */
import { chown, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { CONTROL_CHARACTER } from './env-types.js';
import { TemplateError, TemplateValueError, describeError } from './errors.js';
import { lookupUser } from './system-users.js';
import type { TemplateSpec } from './types.js';

export interface RenderedFile {
  spec: TemplateSpec;
  content: string;
}

// An isolated environment: helpers registered here never leak into another service's templates.
const handlebars = Handlebars.create();
// `{{join list ","}}` for the few places a config wants a list on one line.
handlebars.registerHelper('join', (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ',') : String(list)));

function templateDirPath(dir: string | URL): string {
  return dir instanceof URL ? fileURLToPath(dir) : dir;
}

/** Renders every template into memory; throws TemplateError naming the template and the variable. */
export async function renderTemplates(dir: string | URL, specs: readonly TemplateSpec[], context: Record<string, unknown>): Promise<RenderedFile[]> {
  const root = templateDirPath(dir);
  const out: RenderedFile[] = [];
  for (const spec of specs) {
    let source: string;
    try {
      source = await readFile(path.join(root, spec.source), 'utf8');
    } catch (err) {
      throw new TemplateError(spec.source, `cannot read: ${describeError(err)}`, { cause: err });
    }
    out.push({ spec, content: renderOne(spec.source, source, context) });
  }
  return out;
}

/**
 * Every config the agent renders is line-based (my.cnf, vsftpd.conf, grafana.ini, sshd_config,
 * php-fpm pools, nginx.conf, TOML, PHP): a value holding a line break would end its line and add a
 * directive of its own. So every value a template reads is checked as it is read (the context is
 * wrapped), whatever the setting validated before, and a value with a control character stops the
 * rendering naming the template, the variable and the setting.
 */
export function renderOne(name: string, source: string, context: Record<string, unknown>): string {
  try {
    const template = handlebars.compile(source, { strict: true, noEscape: true });
    return template(guard(context, [], (variable, value) => refuse(name, variable, value, context)));
  } catch (err) {
    if (err instanceof TemplateValueError) throw err;
    // Handlebars says `"X" not defined in [object Object] - 3:4`; keep the name and position only.
    const detail = describeError(err).replace(/ in \[object Object\]/, '');
    throw new TemplateError(name, `unknown variable or bad syntax: ${detail}`, { cause: err });
  }
}

type OnControl = (variable: string, value: string) => never;

/**
 * `value` seen through a Proxy that checks each string read from it, at any depth. Only plain
 * objects and arrays are wrapped: a class instance (a URL, a Date) keeps its own methods working.
 */
function guard<T>(value: T, at: readonly string[], onControl: OnControl): T {
  if (value === null || typeof value !== 'object') return value;
  const proto: unknown = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
  return new Proxy(value, {
    get(target, key, receiver) {
      const found: unknown = Reflect.get(target, key, receiver);
      if (typeof key !== 'string') return found;
      const where = [...at, key];
      if (typeof found === 'string') {
        if (CONTROL_CHARACTER.test(found)) onControl(where.join('.'), found);
        return found;
      }
      // A frozen property must be returned as it is (a Proxy invariant); its strings are checked above.
      const own = Reflect.getOwnPropertyDescriptor(target, key);
      if (own && !own.configurable && !own.writable) return found;
      return guard(found, where, onControl);
    },
  });
}

function refuse(template: string, variable: string, value: string, context: Record<string, unknown>): never {
  const char = value.match(CONTROL_CHARACTER)?.[0] ?? '';
  throw new TemplateValueError(template, variable, describeControl(char), settingOf(value, context));
}

const CONTROL_NAMES: Record<string, string> = { '\n': 'line feed (\\n)', '\r': 'carriage return (\\r)', '\0': 'NUL byte', '\t': 'tab' };

function describeControl(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return CONTROL_NAMES[char] ?? `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The setting (an upper-case name such as AGENT_RUN_DIR, at the top of the context or one level
 * down, as agent.*) whose value holds a control character and is part of `value`: a path made from
 * AGENT_RUN_DIR names AGENT_RUN_DIR.
 */
function settingOf(value: string, context: Record<string, unknown>): string | undefined {
  const candidates: [string, unknown][] = Object.entries(context);
  for (const [, nested] of Object.entries(context)) {
    if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
      for (const [inner, v] of Object.entries(nested)) candidates.push([inner, v]);
    }
  }
  for (const [key, v] of candidates) {
    if (/^[A-Z][A-Z0-9_]*$/.test(key) && typeof v === 'string' && CONTROL_CHARACTER.test(v) && value.includes(v)) return key;
  }
  return undefined;
}

/** Writes rendered files atomically (temp file + rename) with their mode and owner. */
export async function writeRendered(files: readonly RenderedFile[]): Promise<void> {
  for (const { spec, content } of files) {
    if (!path.isAbsolute(spec.target)) throw new TemplateError(spec.source, `target ${spec.target} is not an absolute path`);
    try {
      await mkdir(path.dirname(spec.target), { recursive: true });
      const temp = `${spec.target}.tmp-${process.pid}`;
      await writeFile(temp, content, { mode: spec.mode ?? 0o644 });
      if (spec.owner) {
        const user = lookupUser(spec.owner);
        await chown(temp, user.uid, user.gid);
      }
      await rename(temp, spec.target);
    } catch (err) {
      throw new TemplateError(spec.source, `cannot write ${spec.target}: ${describeError(err)}`, { cause: err });
    }
  }
}
