// A Runner that records what a step plans and answers from fixtures, and a Context around it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Context, repoPaths } from '../src/context.js';
import { parseOptions } from '../src/options.js';
import { type Command, CommandFailed, type Output, type Report, type RunOptions, type Runner } from '../src/runner.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

/** `cmd arg arg` without the kubectl/minikube profile flags, for readable expectations. */
export function brief(c: Command): string {
  const args = [...c.args];
  if (c.cmd === 'kubectl' && args[0] === '--context') args.splice(0, 2);
  if (c.cmd === 'minikube' && args[0] === '-p') args.splice(0, 2);
  return [c.cmd, ...args].join(' ');
}

export type Answer = Partial<Output> | undefined;

export class FakeRunner implements Runner {
  readonly calls: Command[] = [];
  readonly options: RunOptions[] = [];
  report: Report;
  constructor(
    readonly dryRun: boolean,
    private readonly answer: (c: Command, line: string) => Answer = () => undefined,
    readonly lines: string[] = [],
  ) {
    this.report = (l) => lines.push(l);
  }

  async run(command: Command, options: RunOptions = {}): Promise<Output> {
    this.calls.push(command);
    this.options.push(options);
    if (this.dryRun) return { code: 0, stdout: options.placeholder ?? '', stderr: '' };
    const out = { code: 0, stdout: '', stderr: '', ...this.answer(command, brief(command)) };
    if (out.code !== 0 && !options.allowFailure) throw new CommandFailed(command, out);
    return out;
  }

  planned(): string[] {
    return this.calls.map(brief);
  }
}

export interface TestContext extends Context {
  runner: FakeRunner;
  said: string[];
}

export function testContext(argv: string[], answer?: (c: Command, line: string) => Answer, extra: Partial<Omit<Context, 'runner'>> = {}): TestContext {
  const options = parseOptions(argv, {});
  const said: string[] = [];
  const runner = new FakeRunner(options.dryRun, answer, said);
  const stateRoot = mkdtempSync(path.join(tmpdir(), 'deploy-test-'));
  const paths = {
    ...repoPaths(REPO_ROOT),
    ...Object.fromEntries(Object.entries(repoPaths(stateRoot)).filter(([k]) => ['stateDir', 'addressFile', 'cacheDir', 'imagesDir', 'deployDir'].includes(k))),
  };
  return {
    options,
    runner,
    paths,
    say: (l: string) => said.push(l),
    said,
    platform: 'linux',
    uid: 1000,
    which: () => true,
    download: () => Promise.reject(new Error('no network in tests')),
    sleep: () => Promise.resolve(),
    ...extra,
  };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function failure(promise: Promise<unknown>): Promise<{ message: string; detail: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { message: string; detail: string };
  }
  throw new Error('expected a failure, got success');
}
