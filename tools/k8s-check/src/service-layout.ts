/**
 * The agreed shape of a service (services/README.md): every services/<name>/src has the same file
 * for the same role, and main.ts only runs the declaration of service.ts. A new service, or a
 * role moved to a file of another name, fails here instead of drifting apart.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { violation, type Violation } from './errors.js';

/** The role files, and env.test.ts: the README's environment table is checked against env.ts there. */
export const ROLE_FILES = [
  'main.ts',
  'service.ts',
  'env.ts',
  'env.test.ts',
  'platform.ts',
  'paths.ts',
  'template-vars.ts',
  'init.ts',
  'checks.ts',
  'collectors.ts',
] as const;

/** The three statements a main.ts may hold (comments and blank lines aside). */
const MAIN_STATEMENTS = [/^import \{ runAgent \} from '@ft\/agent';$/, /^import \{ (\w+) \} from '\.\/service\.js';$/, /^runAgent\((\w+)\);$/];

/** Why main.ts is not the two-line entry, or undefined when it is. */
export function mainProblem(text: string): string | undefined {
  const lines = text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\/\/.*$/, '').trim())
    .filter((line) => line !== '');
  const ok = lines.length === MAIN_STATEMENTS.length && lines.every((line, i) => MAIN_STATEMENTS[i]?.test(line));
  if (!ok) return "main.ts must only import runAgent and the definition from './service.js' and run it";
  const imported = MAIN_STATEMENTS[1]?.exec(lines[1] ?? '')?.[1];
  const run = MAIN_STATEMENTS[2]?.exec(lines[2] ?? '')?.[1];
  return imported === run ? undefined : `main.ts runs ${run ?? '?'}, not the definition it imports (${imported ?? '?'})`;
}

export function checkServiceLayout(root: string): Violation[] {
  const services = join(root, 'services');
  if (!existsSync(services)) return [];
  const out: Violation[] = [];
  for (const entry of readdirSync(services, { withFileTypes: true })) {
    const src = join(services, entry.name, 'src');
    if (!entry.isDirectory() || !existsSync(src)) continue;
    const missing = ROLE_FILES.filter((file) => !existsSync(join(src, file)));
    if (missing.length > 0) out.push(violation('SERVICE_ROLE_FILES', 'Service', entry.name, `src/ lacks ${missing.join(', ')}`));
    const main = join(src, 'main.ts');
    const problem = existsSync(main) ? mainProblem(readFileSync(main, 'utf8')) : undefined;
    if (problem) out.push(violation('SERVICE_MAIN', 'Service', entry.name, problem));
  }
  return out;
}
