/**
 * The detached launcher (`local supervise`): plays kubelet for every service of the stack. Starts
 * the agents in order, probes them every second, keeps status.json current, and on SIGTERM stops
 * them in reverse order before it exits.
 */
import { rm, writeFile } from 'node:fs/promises';
import { AgentRunner } from './agent-runner.js';
import type { PrivilegesFile } from './container-privileges.js';
import { probeAgent } from './agent-probe.js';
import type { LocalLayout } from './local-layout.js';
import { agentBundlePath, agentProcessEnv, grafanaSkipReason } from './local-runtime.js';
import type { Secrets } from './secrets.js';
import { writeSecretFiles } from './secret-files.js';
import { serviceEnv } from './service-env.js';
import type { ServiceName } from '@ft/platform';
import { writeStatusFile, type ServiceInternals, type ServiceState, type ServiceStatus, type StatusFile } from './status-file.js';

const TICK_MS = 1_000;

interface Tracked {
  name: ServiceName;
  runner: AgentRunner | null;
  skippedBecause?: string;
  ready: boolean;
  live: boolean;
  /** Ready at least once since the current start. */
  readySinceStart: boolean;
  startedAt: number;
  /** What keeps it from being ready now (null when ready). */
  current: string | null;
  /** The last failure seen after it had been ready, or an exit. */
  last: string | null;
}

export interface LauncherOptions {
  layout: LocalLayout;
  secrets: Secrets;
  services: readonly ServiceName[];
  /** Each container's capabilities and no_new_privs, as the rendered k8s/ grants them. */
  privileges: PrivilegesFile;
  repo: string;
  log: (message: string) => void;
}

export async function runLauncher(options: LauncherOptions): Promise<void> {
  const { layout, secrets, repo, log } = options;
  // `local up` made the state dir's logs/ and run/ before starting this process.
  await writeFile(layout.launcherPid, `${process.pid}\n`);

  let phase: StatusFile['supervisor'] = 'running';
  let dirty = true;
  const markDirty = () => {
    dirty = true;
  };
  const grafanaSkip = grafanaSkipReason();
  const tracked: Tracked[] = [];
  for (const name of options.services) {
    const t: Tracked = { name, runner: null, ready: false, live: false, readySinceStart: false, startedAt: 0, current: null, last: null };
    if (name === 'grafana' && grafanaSkip) {
      tracked.push({ ...t, skippedBecause: grafanaSkip });
      continue;
    }
    const env = serviceEnv(name, secrets, { kind: 'local', layout });
    // Written at every supervisor start, from secrets.json: as a pod mounts its Secret.
    const fileVariables = await writeSecretFiles(env.files, layout.services[name].secretFilesDir);
    t.runner = new AgentRunner({
      name,
      agentArgv: [process.execPath, agentBundlePath(repo, name)],
      env: agentProcessEnv(env, fileVariables),
      privileges: options.privileges.services[name],
      log: layout.services[name].log,
      onChange: markDirty,
      onExit: (failure) => {
        t.last = failure;
        log(`${name}: ${failure}`);
      },
    });
    tracked.push(t);
  }

  const snapshot = (): StatusFile => {
    const internals: Partial<Record<ServiceName, ServiceInternals>> = {};
    const services = tracked.map((t): ServiceStatus => {
      const own = layout.services[t.name];
      const pids = t.runner?.pids() ?? { tini: null, node: null };
      internals[t.name] = { tiniPid: pids.tini, skippedBecause: t.skippedBecause, currentFailure: t.current };
      const state: ServiceState = t.skippedBecause ? 'skipped' : t.ready ? 'ready' : t.readySinceStart || !t.runner?.child ? 'not-ready' : 'starting';
      return {
        name: t.name,
        state,
        ready: t.ready,
        live: t.live,
        restarts: t.runner?.restarts ?? 0,
        agentPort: own.agentPort,
        pid: pids.node,
        lastExit: t.runner?.lastExit ?? null,
        lastFailure: t.skippedBecause ?? (state === 'starting' ? (t.current ?? t.last) : t.ready ? t.last : (t.current ?? t.last)),
        log: own.log,
      };
    });
    return {
      address: layout.address,
      internalAddress: layout.internalAddress,
      stateDir: layout.stateDir,
      supervisorPid: phase === 'stopped' ? null : process.pid,
      updatedAt: new Date().toISOString(),
      supervisor: phase,
      internals,
      services,
    };
  };
  const flush = async () => {
    dirty = false;
    await writeStatusFile(layout.statusFile, snapshot());
  };

  const probeAll = async () => {
    await Promise.all(
      tracked.map(async (t) => {
        const runner = t.runner;
        if (!runner) return;
        if (runner.startedAt !== t.startedAt) {
          // A new start: readiness begins again.
          t.startedAt = runner.startedAt;
          t.readySinceStart = false;
          t.ready = false;
          t.live = false;
          markDirty();
        }
        if (!runner.child) {
          if (t.ready || t.live) markDirty();
          t.ready = false;
          t.live = false;
          t.current = runner.exitFailure;
          return;
        }
        // A short timeout: a hung agent must not hold up status.json (rewritten at least every 2 s).
        const probe = await probeAgent(layout.internalAddress, layout.services[t.name].agentPort, 800);
        const ready = probe.ready === true;
        const live = probe.live === true;
        if (ready !== t.ready || live !== t.live || probe.failure !== t.current) markDirty();
        if (!ready && t.readySinceStart && probe.failure) t.last = probe.failure;
        if (ready && !t.readySinceStart) log(`${t.name} ready`);
        if (!ready && t.ready) log(`${t.name} not ready: ${probe.failure ?? 'no answer'}`);
        t.ready = ready;
        t.live = live;
        t.current = ready ? null : probe.failure;
        if (ready) t.readySinceStart = true;
      }),
    );
  };

  let stopRequested: (() => void) | null = null;
  const stopped = new Promise<void>((resolve) => (stopRequested = resolve));
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => stopRequested?.());
  process.on('SIGHUP', () => undefined);

  for (const t of tracked) {
    if (t.runner) {
      log(`starting ${t.name}`);
      t.runner.start();
    } else log(`${t.name} skipped: ${t.skippedBecause}`);
  }
  await flush();

  let lastWrite = Date.now();
  let running = true;
  const loop = (async () => {
    while (running) {
      await probeAll();
      if (dirty || Date.now() - lastWrite >= 1_500) {
        await flush();
        lastWrite = Date.now();
      }
      await Promise.race([new Promise((r) => setTimeout(r, TICK_MS)), stopped]);
    }
  })();

  await stopped;
  running = false;
  await loop;
  phase = 'stopping';
  log('stopping: SIGTERM to the agents in reverse start order');
  await flush();
  for (const t of [...tracked].reverse()) {
    if (!t.runner) continue;
    const started = Date.now();
    await t.runner.stop();
    t.ready = false;
    t.live = false;
    log(`${t.name} stopped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await flush();
  }
  phase = 'stopped';
  await flush();
  await rm(layout.launcherPid, { force: true });
  log('all agents stopped');
}
