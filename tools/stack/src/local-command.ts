/** `local up|down|status|verify|supervise` (contracts.md section 2). */
import { spawn } from 'node:child_process';
import { chmod, mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { ipv4Option, positiveNumberOption, UsageError, type CliValues } from './cli-args.js';
import { backupCommand } from './backup-command.js';
import { defaultPrivilegesFile, readPrivilegesFile, type PrivilegesFile } from './container-privileges.js';
import { ensureKeyMaterial } from './key-material.js';
import { DEFAULT_ADDRESS, DEFAULT_INTERNAL_ADDRESS, localLayout, type LocalLayout } from './local-layout.js';
import { grafanaSkipReason, missingBundles, missingCommands } from './local-runtime.js';
import { describePortProblems, findPortProblems } from './port-check.js';
import { cmdlineOf, isAlive } from '@ft/agent/host';
import { repoRoot } from './repo-root.js';
import { summaryLines } from './local-summary.js';
import { loadOrCreateSecrets } from './secrets.js';
import { isServiceName, SERVICES, type ServiceName } from '@ft/platform';
import { ensureStateDirReachable } from './state-dir-access.js';
import { publicStatus, readStatusFile, type StackStatus } from './status-file.js';
import { runningLauncher, waitForExit } from './launcher-pid.js';
import { runLauncher } from './local-launcher.js';
import { verifyCommand } from './verify-command.js';
import { waitUntilUp } from './wait-up.js';

type Print = (line: string) => void;

export async function localCommand(args: string[], values: CliValues, print: Print): Promise<number> {
  const [sub = 'up', ...extra] = args;
  if (sub === 'backup' || sub === 'restore') {
    const stateDirOf = () => path.resolve(values['state-dir'] ?? path.join(repoRoot(), 'state', 'local'));
    return backupCommand(sub, extra, values, print, {
      layout: (v) => layoutFrom(stateDirOf(), v),
      up: (v) => up(stateDirOf(), v, print),
      down: () => down(stateDirOf(), print),
      verify: (v) => localCommand(['verify'], v, print),
    });
  }
  if (extra.length > 0) throw new UsageError(`unexpected ${JSON.stringify(extra.join(' '))}`);
  const stateDir = path.resolve(values['state-dir'] ?? path.join(repoRoot(), 'state', 'local'));
  switch (sub) {
    case 'up':
      return up(stateDir, values, print);
    case 'down':
      return down(stateDir, print);
    case 'status':
      return status(stateDir, values.json === true, print);
    case 'verify':
      return verifyCommand(stateDir, values, print);
    case 'supervise':
      return supervise(stateDir, values);
    default:
      throw new UsageError(`unknown local subcommand ${JSON.stringify(sub)} (up, down, status, verify)`);
  }
}

function layoutFrom(stateDir: string, values: CliValues): LocalLayout {
  return localLayout({
    stateDir,
    address: ipv4Option('address', values.address) ?? DEFAULT_ADDRESS,
    internalAddress: ipv4Option('internal-address', values['internal-address']) ?? DEFAULT_INTERNAL_ADDRESS,
  });
}

/** The containers' privileges: container-privileges.json (from the rendered k8s/), or `--privileges FILE`. */
function privilegesFileOf(values: CliValues): string {
  return path.resolve(values.privileges ?? defaultPrivilegesFile());
}

function privilegesFrom(values: CliValues): PrivilegesFile {
  return readPrivilegesFile(privilegesFileOf(values));
}

function servicesFrom(values: CliValues): ServiceName[] {
  if (!values.services) return [...SERVICES];
  const names = values.services
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = names.filter((n) => !isServiceName(n));
  if (bad.length > 0) throw new UsageError(`--services: unknown ${bad.join(', ')} (known: ${SERVICES.join(', ')})`);
  // Start order is the stack's, whatever order they were named in.
  return SERVICES.filter((s) => names.includes(s));
}

async function up(stateDir: string, values: CliValues, print: Print): Promise<number> {
  const layout = layoutFrom(stateDir, values);
  const services = servicesFrom(values);
  const timeoutS = positiveNumberOption('timeout', values.timeout, 180);
  const running = await runningLauncher(layout.launcherPid, layout.stateDir);
  if (running !== null) {
    print(`already up (supervisor pid ${running}); state dir ${layout.stateDir}`);
    const current = await readStatusFile(layout.statusFile);
    if (current) for (const line of statusLines(publicStatus(current, running))) print(line);
    return 0;
  }
  const left = await orphanTinis(layout);
  if (left.length > 0)
    throw new Error(`agents of an earlier supervisor of ${layout.stateDir} still run (tini pids ${left.join(', ')}): run \`local down\` first`);
  if (process.getuid?.() !== 0) {
    throw new Error('the local mode must run as root: its agents create system users, chown data dirs and bind ports below 1024');
  }
  const missing = missingCommands(services);
  if (missing.length > 0)
    throw new Error(`missing on this host (install tools/debian-packages.txt: bash tools/install-debian-packages.sh):\n  ${missing.join('\n  ')}`);
  const bundles = missingBundles(repoRoot(), services);
  if (bundles.length > 0) throw new Error(`agents not built (run: npx nx run-many -t build):\n  ${bundles.join('\n  ')}`);
  // Read now, so a broken file is named here rather than in the supervisor's log.
  privilegesFrom(values);

  const grafanaSkip = services.includes('grafana') ? grafanaSkipReason() : undefined;
  const started = services.filter((s) => !(s === 'grafana' && grafanaSkip));
  const problems = await findPortProblems(started.flatMap((s) => layout.services[s].listeners));
  if (problems.length > 0)
    throw new Error(`ports the stack needs are taken; free them (or pick another --address / --internal-address):\n${describePortProblems(problems)}`);

  // Daemons running as their own users (mysql, influxdb, grafana, the FTP user) reach their dirs through
  // the state dir. The repository's `state/` (the default's parent) is this tool's own too.
  await ensureStateDirReachable(layout.stateDir, [layout.stateDir, path.join(repoRoot(), 'state')]);
  const { created } = await loadOrCreateSecrets(layout.stateDir);
  await ensureKeyMaterial(layout.stateDir, layout.address);
  await mkdir(layout.logsDir, { recursive: true, mode: 0o700 });
  // Like a pod's empty volumes: present from the start; each agent gives its own to its daemon's user.
  for (const dir of Object.values(layout.dataDirs)) await mkdir(dir, { recursive: true, mode: 0o755 });
  // The agents' run dirs sit below: passing through only.
  await mkdir(path.join(layout.stateDir, 'run'), { recursive: true, mode: 0o711 });
  await chmod(path.join(layout.stateDir, 'run'), 0o711);
  print(`state dir ${layout.stateDir} (secrets ${created ? 'generated' : 'kept'}); public address ${layout.address}, internal ${layout.internalAddress}`);
  if (grafanaSkip) print(`grafana ${grafanaSkip}`);

  const pid = await startSupervisor(layout, services, privilegesFileOf(values));
  print(`supervisor pid ${pid}; log ${layout.launcherLog}; waiting up to ${timeoutS} s for ${started.join(', ')}`);
  const result = await waitUntilUp(layout.statusFile, pid, timeoutS * 1000, (ready) => print(`  ready: ${ready.join(', ') || '-'}`));
  if (!result.ok) {
    print(result.message);
    if (isAlive(pid)) print(`the stack is still running for inspection: \`local status\`, then \`local down\` (state dir ${layout.stateDir})`);
    return 1;
  }
  print(`up in ${result.seconds.toFixed(1)} s`);
  for (const line of statusLines(publicStatus(result.status, pid))) print(line);
  if (started.length === SERVICES.length - (grafanaSkip ? 1 : 0)) {
    for (const line of summaryLines({ layout, secrets: (await loadOrCreateSecrets(layout.stateDir)).secrets, grafanaSkipped: grafanaSkip })) print(line);
  }
  return 0;
}

/** `cli.js local supervise ...` as a detached process: it outlives the CLI, its output goes to launcher.log. */
async function startSupervisor(layout: LocalLayout, services: ServiceName[], privilegesFile: string): Promise<number> {
  const logFile = await open(layout.launcherLog, 'a', 0o600);
  try {
    const cli = process.argv[1];
    if (!cli) throw new Error('cannot tell which script to run as the supervisor');
    const child = spawn(
      process.execPath,
      [
        cli,
        'local',
        'supervise',
        '--state-dir',
        layout.stateDir,
        '--address',
        layout.address,
        '--internal-address',
        layout.internalAddress,
        '--services',
        services.join(','),
        '--privileges',
        privilegesFile,
      ],
      { detached: true, stdio: ['ignore', logFile.fd, logFile.fd], env: process.env },
    );
    child.unref();
    if (child.pid === undefined) throw new Error('the supervisor did not start');
    return child.pid;
  } finally {
    await logFile.close();
  }
}

async function supervise(stateDir: string, values: CliValues): Promise<number> {
  const layout = layoutFrom(stateDir, values);
  const { secrets } = await loadOrCreateSecrets(layout.stateDir);
  const log = (message: string) => process.stdout.write(`${new Date().toISOString()} supervisor[${process.pid}] ${message}\n`);
  log(`supervising ${servicesFrom(values).join(', ')} on ${layout.address} / ${layout.internalAddress}`);
  await runLauncher({ layout, secrets, services: servicesFrom(values), privileges: privilegesFrom(values), repo: repoRoot(), log });
  return 0;
}

async function down(stateDir: string, print: Print): Promise<number> {
  const layout = localLayout({ stateDir });
  const pid = await runningLauncher(layout.launcherPid, layout.stateDir);
  if (pid === null) {
    const orphans = await stopOrphans(layout);
    print(orphans > 0 ? `the supervisor was gone; stopped ${orphans} agents it had left` : `not running (state dir ${layout.stateDir})`);
    return 0;
  }
  print(`stopping (supervisor pid ${pid}): agents in reverse start order`);
  process.kill(pid, 'SIGTERM');
  // Each agent gets its own grace (10 s, then its namespace is killed at 20 s): seven in a row at most.
  if (!(await waitForExit(pid, 7 * 25_000))) throw new Error(`the supervisor (pid ${pid}) has not stopped; see ${layout.launcherLog}`);
  print(`down; data kept in ${layout.stateDir}`);
  return 0;
}

/** Tini pids status.json names that still run a tini: agents a killed supervisor left behind, in reverse start order. */
async function orphanTinis(layout: LocalLayout): Promise<number[]> {
  const file = await readStatusFile(layout.statusFile).catch(() => undefined);
  if (!file) return [];
  return [...SERVICES]
    .reverse()
    .map((name) => file.internals[name]?.tiniPid)
    .filter((pid): pid is number => typeof pid === 'number' && isAlive(pid) && (cmdlineOf(pid)?.[0] ?? '').endsWith('tini'));
}

/** A supervisor killed outright leaves its agents running: stop the ones status.json names. */
async function stopOrphans(layout: LocalLayout): Promise<number> {
  const tinis = await orphanTinis(layout);
  for (const tini of tinis) {
    process.kill(tini, 'SIGTERM');
    if (!(await waitForExit(tini, 20_000))) process.kill(tini, 'SIGKILL');
  }
  return tinis.length;
}

async function status(stateDir: string, json: boolean, print: Print): Promise<number> {
  const layout = localLayout({ stateDir });
  const pid = await runningLauncher(layout.launcherPid, layout.stateDir);
  const file = await readStatusFile(layout.statusFile);
  if (!file) {
    if (json) print(JSON.stringify({ address: null, internalAddress: null, stateDir: layout.stateDir, supervisorPid: null, services: [] }));
    else print(`never started (no ${layout.statusFile})`);
    return 0;
  }
  const view = publicStatus(file, pid);
  if (pid === null) {
    // What the file says about a stack that is down is history, not state.
    view.services = view.services.map((s) => ({ ...s, ready: false, live: false, pid: null, state: s.state === 'skipped' ? 'skipped' : 'not-ready' }));
  }
  if (json) {
    print(JSON.stringify(view));
    return 0;
  }
  const left = pid === null ? await orphanTinis(layout) : [];
  if (left.length > 0) print(`the supervisor is gone but ${left.length} agents still run: \`local down\` stops them`);
  print(pid === null ? `down (state dir ${layout.stateDir})` : `up: supervisor pid ${pid}, public ${view.address}, internal ${view.internalAddress}`);
  for (const line of statusLines(view)) print(line);
  if (pid !== null && view.address) {
    const { secrets } = await loadOrCreateSecrets(layout.stateDir);
    const grafana = view.services.find((s) => s.name === 'grafana');
    const skipped = grafana?.state === 'skipped' ? (file.internals.grafana?.skippedBecause ?? 'skipped') : undefined;
    for (const line of summaryLines({ layout: localLayout({ stateDir, address: view.address }), secrets, grafanaSkipped: skipped })) print(line);
  }
  return 0;
}

export function statusLines(view: StackStatus): string[] {
  const width = Math.max(...view.services.map((s) => s.name.length), 4);
  return view.services.map((s) => {
    if (s.state === 'skipped') return `  ${s.name.padEnd(width)} skipped   ${s.lastFailure ?? ''}`;
    const flags = `${s.state.padEnd(9)} ${s.live ? 'live' : 'dead'} restarts ${String(s.restarts).padEnd(3)} pid ${String(s.pid ?? '-').padEnd(7)} agent ${view.internalAddress}:${s.agentPort}`;
    return `  ${s.name.padEnd(width)} ${flags}  last failure: ${s.lastFailure ?? '-'}  log: ${s.log}`;
  });
}
