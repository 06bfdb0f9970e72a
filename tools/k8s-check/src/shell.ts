/**
 * Shell scripts: shellcheck over setup.sh and every script of the repository, and setup.sh's two
 * behaviours that need no cluster: `--dry-run` prints the whole plan and exits 0 on a machine
 * without minikube; a real run without minikube and docker stops at the prerequisite check and says so.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  closeSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  accessSync,
  constants,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { violation, type Violation } from './errors.js';

/** Folders that hold no project scripts (or hold the checker's deliberately broken ones). */
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'test-results', 'state', '.nx', '.try']);
const SKIP_PATHS = new Set(['tools/k8s-check/test/fixtures']);

function shebangIsShell(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64);
    const n = readSync(fd, buf, 0, 64, 0);
    return /^#!\s*(\/usr\/bin\/env\s+(-S\s+)?)?(\/bin\/|\/usr\/bin\/)?(ba|da|k)?sh\b/.test(buf.subarray(0, n).toString('latin1'));
  } finally {
    closeSync(fd);
  }
}

/** setup.sh, every *.sh, and extension-less files starting with a sh/bash shebang (e.g. .ci/run). */
export function findShellScripts(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(root, path);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !SKIP_PATHS.has(rel)) walk(path);
      } else if (entry.isFile()) {
        if (entry.name.endsWith('.sh') || (!entry.name.includes('.') && statSync(path).size > 0 && shebangIsShell(path))) out.push(rel);
      }
    }
  };
  walk(root);
  return out.sort();
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  missing?: boolean;
}

/** Runs a command in its own process group, killing the group at the timeout. */
export function runCommand(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }, options.timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: error.message, timedOut, missing: error.code === 'ENOENT' });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

export async function shellcheck(root: string, files: string[]): Promise<Violation[]> {
  if (files.length === 0) return [];
  const result = await runCommand('shellcheck', ['-f', 'gcc', ...files], { cwd: root, env: process.env, timeoutMs: 120_000 });
  if (result.missing)
    return [violation('TOOL_MISSING', 'Tool', 'shellcheck', 'shellcheck is not installed: apt-get install shellcheck (tools/debian-packages.txt)')];
  const out: Violation[] = [];
  for (const line of result.stdout.split('\n')) {
    const m = /^(.+?):(\d+):(\d+): (\w+): (.*)$/.exec(line);
    if (m) out.push(violation('SHELLCHECK', 'Script', m[1] ?? '?', `line ${m[2] ?? '?'}: ${m[4] ?? ''}: ${m[5] ?? ''}`));
  }
  if (out.length === 0 && result.code !== 0) {
    out.push(violation('SHELLCHECK', 'Script', files.join(','), `shellcheck exited ${String(result.code)}: ${result.stderr.trim()}`));
  }
  return out;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * A PATH of one temporary directory holding links to every command of the current PATH except
 * the ones named: "a machine without minikube (and docker)", whatever this machine has.
 */
export function pathWithout(commands: string[], basePath = process.env.PATH ?? ''): { path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-check-path-'));
  const seen = new Set(commands);
  for (const entry of basePath.split(delimiter)) {
    if (!entry || !existsSync(entry)) continue;
    let names: string[];
    try {
      names = readdirSync(entry);
    } catch {
      continue;
    }
    for (const name of names) {
      if (seen.has(name)) continue;
      const target = join(entry, name);
      if (!isExecutable(target)) continue;
      seen.add(name);
      symlinkSync(target, join(dir, name));
    }
  }
  return { path: dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function tail(text: string, lines = 5): string {
  return text.trim().split('\n').slice(-lines).join(' | ');
}

/** Runs `bash <setup> <args>` as on a machine lacking `without`, with a scratch HOME. */
async function runSetup(setup: string, cwd: string, args: string[], without: string[]): Promise<RunResult> {
  const { path, cleanup } = pathWithout(without);
  const home = mkdtempSync(join(tmpdir(), 'k8s-check-home-'));
  try {
    const env: NodeJS.ProcessEnv = { PATH: path, HOME: home, LANG: 'C.UTF-8', TERM: 'dumb', CI: 'true' };
    return await runCommand(join(path, 'bash'), [setup, ...args], { cwd, env, timeoutMs: 180_000 });
  } finally {
    cleanup();
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * What `setup.sh --dry-run` must show of a deploy (issue 12): each step a reader checks the plan for.
 * The label removal keeps MetalLB's speaker from ignoring the node; the sha256 pins the manifest.
 */
export const PLAN_ITEMS: readonly { what: string; pattern: RegExp }[] = [
  {
    what: 'the removal of the label node.kubernetes.io/exclude-from-external-load-balancers',
    pattern: /label nodes --all node\.kubernetes\.io\/exclude-from-external-load-balancers-/,
  },
  { what: "the MetalLB manifest's download", pattern: /metallb-native\.yaml/ },
  { what: "the MetalLB manifest's sha256 check", pattern: /sha256[^\n]*\b[0-9a-f]{64}\b/ },
  { what: 'the Kubernetes version of a new profile', pattern: /--kubernetes-version=v\d+\.\d+\.\d+/ },
  { what: 'the image builds', pattern: /docker-build|docker build/ },
  { what: 'the apply of the manifests', pattern: /kubectl[^\n]* apply [^\n]*-k / },
  { what: 'the verify step', pattern: /verify/i },
];

/** setup.sh only bootstraps the deploy tool (issue 12). */
export const SETUP_MAX_LINES = 120;

export async function checkSetup(setup: string, cwd: string): Promise<Violation[]> {
  const name = relative(cwd, setup) || setup;
  if (!existsSync(setup)) {
    return [violation('SETUP_DRY_RUN', 'Script', name, 'missing'), violation('SETUP_PREREQ', 'Script', name, 'missing')];
  }
  const out: Violation[] = [];
  const lines = readFileSync(setup, 'utf8').split('\n').length - 1;
  if (lines > SETUP_MAX_LINES)
    out.push(violation('SETUP_SIZE', 'Script', name, `${lines} lines; a bootstrap of at most ${SETUP_MAX_LINES} (move the logic into tools/deploy)`));
  const dry = await runSetup(setup, cwd, ['--dry-run'], ['minikube']);
  if (dry.timedOut) out.push(violation('SETUP_DRY_RUN', 'Script', name, '--dry-run did not finish within 180 s'));
  else if (dry.code !== 0)
    out.push(violation('SETUP_DRY_RUN', 'Script', name, `--dry-run without minikube exited ${String(dry.code)}: ${tail(dry.stderr || dry.stdout)}`));
  else if (dry.stdout.trim() === '') out.push(violation('SETUP_DRY_RUN', 'Script', name, '--dry-run printed no plan on stdout'));
  else {
    const lacking = PLAN_ITEMS.filter((item) => !item.pattern.test(dry.stdout)).map((item) => item.what);
    if (lacking.length > 0) out.push(violation('SETUP_DRY_RUN', 'Script', name, `the --dry-run plan lacks ${lacking.join('; ')}`));
  }
  const real = await runSetup(setup, cwd, [], ['minikube', 'docker']);
  const said = `${real.stdout}\n${real.stderr}`;
  if (real.timedOut)
    out.push(violation('SETUP_PREREQ', 'Script', name, 'without minikube and docker it ran on for 180 s instead of stopping at the prerequisite check'));
  else if (real.code === 0) out.push(violation('SETUP_PREREQ', 'Script', name, 'without minikube and docker it exited 0'));
  else if (!/minikube/i.test(said))
    out.push(violation('SETUP_PREREQ', 'Script', name, `without minikube it failed (exit ${String(real.code)}) without naming minikube: ${tail(said)}`));
  return out;
}
