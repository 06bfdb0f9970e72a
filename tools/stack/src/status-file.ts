/**
 * `<state>/status.json`: what the supervisor knows, rewritten atomically (temp file + rename) on
 * every change and at least every 2 s; `status` and `up` only read it.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { ServiceName } from './services.js';

export type ServiceState = 'ready' | 'starting' | 'not-ready' | 'skipped';

export interface LastExit {
  code: number | null;
  signal: string | null;
  at: string;
}

/** One service as `status --json` prints it (contracts.md section 2). */
export interface ServiceStatus {
  name: ServiceName;
  state: ServiceState;
  ready: boolean;
  live: boolean;
  restarts: number;
  agentPort: number;
  /** Host pid of `node agent.js` (the child of tini), null while none runs. */
  pid: number | null;
  lastExit: LastExit | null;
  lastFailure: string | null;
  log: string;
}

/** Kept beside each service for `down` when the supervisor itself is gone. */
export interface ServiceInternals {
  /** Host pid of tini (PID 1 of the service's namespace): SIGTERM stops the agent, SIGKILL the whole namespace. */
  tiniPid: number | null;
  /** Why it is skipped (grafana without grafana-server). */
  skippedBecause?: string | undefined;
  /** What keeps it from being ready right now (up's error message). */
  currentFailure: string | null;
}

export interface StackStatus {
  address: string;
  internalAddress: string;
  stateDir: string;
  supervisorPid: number | null;
  services: ServiceStatus[];
}

export interface StatusFile extends StackStatus {
  updatedAt: string;
  /** 'running' while the supervisor runs, 'stopping' during down, 'stopped' after. */
  supervisor: 'running' | 'stopping' | 'stopped';
  internals: Partial<Record<ServiceName, ServiceInternals>>;
}

export async function writeStatusFile(file: string, status: StatusFile): Promise<void> {
  const tmp = `${file}.tmp`;
  await writeFile(tmp, `${JSON.stringify(status, null, 2)}\n`, { mode: 0o644 });
  await rename(tmp, file);
}

export async function readStatusFile(file: string): Promise<StatusFile | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as StatusFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${file}: unreadable (${(err as Error).message})`);
  }
}

/** Exactly the contract's shape, without the supervisor's internals. */
export function publicStatus(file: StatusFile, supervisorPid: number | null): StackStatus {
  return {
    address: file.address,
    internalAddress: file.internalAddress,
    stateDir: file.stateDir,
    supervisorPid,
    services: file.services.map((s) => ({
      name: s.name,
      state: s.state,
      ready: s.ready,
      live: s.live,
      restarts: s.restarts,
      agentPort: s.agentPort,
      pid: s.pid,
      lastExit: s.lastExit,
      lastFailure: s.lastFailure,
      log: s.log,
    })),
  };
}
