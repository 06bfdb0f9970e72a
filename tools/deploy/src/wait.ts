/**
 * Waits until every service is rolled out, printing who is ready and who waits (and why), at most
 * --timeout seconds; stops early for a pod that cannot start (no image, bad config, crash loop),
 * and fails naming the service with its diagnosis.
 */
import { SERVICES } from '@ft/platform';
import { type Context, kubectl, NAMESPACE } from './context.js';
import { explainService } from './diagnose.js';
import { DeployError, ERROR_CODES } from './errors.js';
import { isHopeless, type PodBrief, parsePods, parseRollouts } from './rollout.js';

export interface Snapshot {
  rolledOut: Map<string, boolean>;
  pods: Map<string, PodBrief>;
}

export async function snapshot(ctx: Context): Promise<Snapshot> {
  const n = ['-n', NAMESPACE];
  const w = await ctx.runner.run(kubectl(ctx, ...n, 'get', 'deployments,statefulsets', '-l', 'app.kubernetes.io/part-of=ft-services', '-o', 'json'), {
    quiet: true,
    placeholder: '{"items":[]}',
  });
  const p = await ctx.runner.run(kubectl(ctx, ...n, 'get', 'pods', '-l', 'app.kubernetes.io/part-of=ft-services', '-o', 'json'), {
    quiet: true,
    placeholder: '{"items":[]}',
  });
  return { rolledOut: parseRollouts(w.stdout), pods: parsePods(p.stdout) };
}

export function progressLine(elapsedS: number, snap: Snapshot): string {
  const ready = SERVICES.filter((s) => snap.rolledOut.get(s));
  const waiting = SERVICES.filter((s) => !snap.rolledOut.get(s)).map((s) => {
    const p = snap.pods.get(s);
    return `${s}(${p ? `${p.waiting || (p.ready ? 'updating' : 'starting')}${p.restarts ? `, restarts ${p.restarts}` : ''}` : 'no pod'})`;
  });
  return `[${String(elapsedS).padStart(4)}s] ready: ${ready.join(' ') || 'none'}${waiting.length ? ` | waiting: ${waiting.join(' ')}` : ''}`;
}

export async function waitForRollouts(ctx: Context): Promise<void> {
  if (ctx.runner.dryRun) {
    await snapshot(ctx);
    ctx.say(
      `  (every 5 s until all ${SERVICES.length} are rolled out, at most ${ctx.options.timeoutS}s; on failure: pod state, probe events, /readyz and logs of the service)`,
    );
    return;
  }
  const start = Date.now();
  const deadline = start + ctx.options.timeoutS * 1000;
  for (;;) {
    const snap = await snapshot(ctx);
    const elapsed = Math.round((Date.now() - start) / 1000);
    ctx.say(progressLine(elapsed, snap));
    const pending = SERVICES.filter((s) => !snap.rolledOut.get(s));
    if (pending.length === 0) return;
    const hopeless = pending.filter((s) => isHopeless(snap.pods.get(s)));
    if (hopeless.length > 0 || Date.now() >= deadline) {
      const failed = hopeless.length > 0 ? hopeless : pending;
      const why = hopeless.length > 0 ? 'cannot start (see below); not waiting any longer' : `not ready after ${ctx.options.timeoutS}s`;
      const detail: string[] = [];
      for (const s of failed) detail.push(await explainService(ctx, s, snap.pods.get(s)?.pod));
      detail.push('The platform is NOT up. Fix the cause above and run ./setup.sh again (data and passwords are kept).');
      throw new DeployError(ERROR_CODES.NOT_READY, `${failed.join(', ')} ${why}`, detail.join('\n\n'));
    }
    await ctx.sleep(5000);
  }
}
