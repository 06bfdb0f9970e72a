/**
 * `./setup.sh up`: the steps in order, as a task list (listr2) with each step's time on a terminal,
 * plain lines when the output is not a terminal (or under --dry-run, whose plan is meant to be read).
 */
import { Listr, ListrLogger, PRESET_TIMER, ProcessOutput, type ListrTask } from 'listr2';
import { SERVICES } from '@ft/platform';
import { applyPlatform } from './apply.js';
import { pickAddress } from './address.js';
import type { Context } from './context.js';
import { buildImages } from './images.js';
import { installMetallb } from './metallb.js';
import { checkKubectl, checkPrerequisites } from './prerequisites.js';
import { removeExcludeLabel, startProfile } from './profile.js';
import { makeSecrets } from './secrets.js';
import { type ClientChecks, verifyDeployment } from './verify.js';
import { waitForRollouts } from './wait.js';

export interface Step {
  title: string;
  run: (ctx: Context) => Promise<void>;
}

export async function buildAgents(ctx: Context): Promise<void> {
  const projects = ['@ft/stack', ...SERVICES.map((s) => `@ft/${s}`)].join(',');
  await ctx.runner.run(
    {
      cmd: 'npx',
      args: ['--no-install', 'nx', 'run-many', '-t', 'build', `--projects=${projects}`, '--outputStyle=stream'],
      env: { NX_DAEMON: 'false' },
      cwd: ctx.paths.root,
    },
    { stream: true },
  );
}

/** The steps of `up`, in order; the order is the point (the label before MetalLB, verify last). */
export function upSteps(clientChecks: ClientChecks | undefined): Step[] {
  return [
    { title: 'Prerequisites', run: checkPrerequisites },
    { title: 'Agents and the secrets CLI (nx build, cached)', run: buildAgents },
    {
      title: 'minikube',
      run: async (ctx) => {
        await startProfile(ctx);
        await checkKubectl(ctx);
        await removeExcludeLabel(ctx);
      },
    },
    { title: 'Load-balancer address', run: pickAddress },
    { title: 'MetalLB', run: installMetallb },
    { title: "Images (in minikube's Docker)", run: buildImages },
    { title: 'Secrets', run: makeSecrets },
    { title: 'Manifests', run: applyPlatform },
    { title: 'Waiting for the services', run: waitForRollouts },
    { title: 'Verify from this host', run: (ctx) => verifyDeployment(ctx, ctx.address ?? '', clientChecks) },
  ];
}

export type RendererChoice = 'default' | 'simple' | 'silent';

/** The full task list on a terminal; plain lines elsewhere and for a dry run's plan. */
export function rendererFor(ctx: Context, isTTY: boolean): RendererChoice {
  return isTTY && !ctx.options.dryRun ? 'default' : 'simple';
}

export interface Streams {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export async function runSteps(ctx: Context, steps: Step[], renderer: RendererChoice, streams: Streams): Promise<void> {
  // The task list shows a short failure; the error itself (with its diagnosis) is the caller's to print.
  let failure: unknown;
  const tasks: ListrTask[] = steps.map((step) => ({
    title: step.title,
    task: async (_c: unknown, task) => {
      ctx.say = (line: string) => {
        task.output = line;
      };
      ctx.runner.report = ctx.say;
      try {
        await step.run(ctx);
      } catch (err) {
        failure = err;
        // eslint-disable-next-line preserve-caught-error -- the reason is kept in `failure` and reported on its own, after the step's line.
        throw new Error('failed (the reason follows)');
      }
    },
    rendererOptions: { persistentOutput: true, outputBar: Infinity, bottomBar: Infinity },
  }));
  const processOutput = new ProcessOutput(streams.stdout, streams.stderr);
  const list = new Listr(tasks, {
    concurrent: false,
    exitOnError: true,
    renderer,
    fallbackRenderer: 'simple',
    rendererOptions: { timer: PRESET_TIMER, collapseErrors: false, formatOutput: 'wrap', logger: new ListrLogger({ useIcons: true, processOutput }) },
    fallbackRendererOptions: { timer: PRESET_TIMER, logger: new ListrLogger({ useIcons: true, processOutput }) },
  });
  try {
    await list.run();
  } catch (err) {
    throw failure ?? err;
  }
}
