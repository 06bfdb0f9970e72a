/**
 * Renders config files from Handlebars templates. Strict mode turns a reference to a variable the
 * context lacks into an error, so a typo fails a test instead of leaving a blank in nginx.conf.
 */
import { chown, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { TemplateError, describeError } from './errors.js';
import { lookupUser } from './system-users.js';
import type { TemplateSpec } from './types.js';

export interface RenderedFile {
  spec: TemplateSpec;
  content: string;
}

// An isolated environment: helpers registered here never leak into another service's templates.
const handlebars = Handlebars.create();
// `{{join list ","}}` for the few places a config wants a list on one line.
handlebars.registerHelper('join', (list: unknown, sep: unknown) =>
  Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ',') : String(list),
);

function templateDirPath(dir: string | URL): string {
  return dir instanceof URL ? fileURLToPath(dir) : dir;
}

/** Renders every template into memory; throws TemplateError naming the template and the variable. */
export async function renderTemplates(
  dir: string | URL,
  specs: readonly TemplateSpec[],
  context: Record<string, unknown>,
): Promise<RenderedFile[]> {
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

export function renderOne(name: string, source: string, context: Record<string, unknown>): string {
  try {
    const template = handlebars.compile(source, { strict: true, noEscape: true });
    return template(context);
  } catch (err) {
    // Handlebars says `"X" not defined in [object Object] - 3:4`; keep the name and position only.
    const detail = describeError(err).replace(/ in \[object Object\]/, '');
    throw new TemplateError(name, `unknown variable or bad syntax: ${detail}`, { cause: err });
  }
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
