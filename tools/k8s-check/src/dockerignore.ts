/**
 * The build context of each image is its service folder (tools/docker-build.sh). Its .dockerignore
 * must send every file the Dockerfile COPYs from it and nothing else, read with Docker's own
 * matching rules (@balena/dockerignore): the folder as it is on disk, plus probe paths beside each
 * COPY source for what a build creates later (dist/ before `nx build` has run).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ignore from '@balena/dockerignore';
import { parseDockerfile } from './dockerfile-parse.js';
import { violation, type Violation } from './errors.js';
import { SERVICE_NAMES } from './platform.js';

/** Files Docker always sends, whatever the patterns say (the builder reads them). */
const ALWAYS_SENT = new Set(['Dockerfile', '.dockerignore']);
const PROBE = '.k8s-check-probe';

/** The build-context paths a Dockerfile COPYs or ADDs (not those taken --from a stage, nor URLs). */
export function contextSources(dockerfile: string): string[] {
  const out = new Set<string>();
  for (const stage of parseDockerfile(dockerfile).stages) {
    for (const ins of stage.instructions) {
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || /--from=/.test(ins.args)) continue;
      const words = ins.args.split(/\s+/).filter((w) => w !== '' && !w.startsWith('--'));
      for (const src of words.slice(0, -1)) {
        if (!/^https?:\/\//.test(src)) out.add(src.replace(/^\.\//, '').replace(/\/+$/, '') || '.');
      }
    }
  }
  return [...out];
}

/** The patterns of a .dockerignore: comments and blank lines dropped. */
export function dockerignorePatterns(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** Violations of one context: `files` are the paths present (relative, `/`-separated). */
export function checkContext(name: string, sources: string[], patterns: string[], files: string[]): Violation[] {
  const ig = ignore({ ignorecase: false }).add(patterns);
  const under = (path: string, src: string): boolean => src === '.' || path === src || path.startsWith(`${src}/`);
  const needed = (path: string): boolean => sources.some((s) => under(path, s));
  const out: Violation[] = [];
  for (const src of sources) {
    const inside = files.filter((f) => under(f, src));
    for (const path of inside.length > 0 ? inside : [src]) {
      if (ig.ignores(path)) out.push(violation('DOCKER_IGNORE', 'Dockerfile', name, `the Dockerfile copies ${src}, but .dockerignore leaves out ${path}`));
    }
  }
  const probes = new Set<string>([PROBE]);
  for (const src of sources) {
    const parts = src.split('/');
    for (let i = 1; i < parts.length; i++) probes.add(`${parts.slice(0, i).join('/')}/${PROBE}`);
  }
  for (const path of [...files, ...probes]) {
    if (ALWAYS_SENT.has(path) || needed(path)) continue;
    if (!ig.ignores(path)) out.push(violation('DOCKER_IGNORE', 'Dockerfile', name, `.dockerignore sends ${path}, which the Dockerfile never copies`));
  }
  return out;
}

/** Files under dir (relative paths), not descending into folders that are excluded as a whole. */
function contextFiles(dir: string, patterns: string[], sources: string[]): string[] {
  const ig = ignore({ ignorecase: false }).add(patterns);
  const reincluded = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1).replace(/^\/+/, ''));
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && statSync(join(dir, path), { throwIfNoEntry: false })?.isDirectory() === true);
      if (!isDir) {
        out.push(path);
        continue;
      }
      const opened =
        reincluded.some((p) => p.startsWith(`${path}/`) || !/^[\w.-]+(\/|$)/.test(p)) || sources.some((s) => s.startsWith(`${path}/`) || s === path);
      if (ig.ignores(path) && !opened) continue;
      walk(path);
    }
  };
  walk('');
  return out;
}

export function checkDockerignores(root: string): Violation[] {
  const out: Violation[] = [];
  for (const service of SERVICE_NAMES) {
    const dir = join(root, 'services', service);
    const dockerfile = join(dir, 'Dockerfile');
    if (!existsSync(dockerfile)) continue;
    const name = `services/${service}/Dockerfile`;
    const ignoreFile = join(dir, '.dockerignore');
    if (!existsSync(ignoreFile)) {
      out.push(
        violation(
          'DOCKER_IGNORE',
          'Dockerfile',
          name,
          `no services/${service}/.dockerignore: the whole folder (src/, test/, node_modules/) is sent to the builder`,
        ),
      );
      continue;
    }
    const sources = contextSources(readFileSync(dockerfile, 'utf8'));
    const patterns = dockerignorePatterns(readFileSync(ignoreFile, 'utf8'));
    out.push(...checkContext(name, sources, patterns, contextFiles(dir, patterns, sources)));
  }
  return out;
}
