/**
 * `<state>/status.json`: what the supervisor knows, rewritten atomically (temp file + rename) on
 * every change and at least every 2 s; `status` and `up` only read it. The public part is
 * `status --json` (contracts.md section 2): its schema here is the one description of that shape,
 * for this CLI and for whoever reads its answer (the e2e suites, the benchmarks).
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { SERVICES, type ServiceName } from '@ft/platform';

const lastExitSchema = z.object({ code: z.number().int().nullable(), signal: z.string().nullable(), at: z.string() });

const serviceStatusSchema = z.object({
  name: z.enum(SERVICES),
  state: z.enum(['ready', 'starting', 'not-ready', 'skipped']),
  ready: z.boolean(),
  live: z.boolean(),
  restarts: z.number().int(),
  agentPort: z.number().int(),
  /** Host pid of `node agent.js` (the child of tini), null while none runs. */
  pid: z.number().int().nullable(),
  lastExit: lastExitSchema.nullable(),
  lastFailure: z.string().nullable(),
  log: z.string(),
});

const stackStatusSchema = z.object({
  /** Null only from a state dir where nothing was ever started (no status.json yet). */
  address: z.string().nullable(),
  internalAddress: z.string().nullable(),
  stateDir: z.string(),
  supervisorPid: z.number().int().nullable(),
  services: z.array(serviceStatusSchema),
});

export type LastExit = z.infer<typeof lastExitSchema>;
/** One service as `status --json` prints it. */
export type ServiceStatus = z.infer<typeof serviceStatusSchema>;
export type ServiceState = ServiceStatus['state'];
export type StackStatus = z.infer<typeof stackStatusSchema>;

/**
 * `status --json` (or status.json, whose extra fields it drops) checked against the contract:
 * a change of shape fails here, naming the field, instead of somewhere downstream.
 */
export function parseStackStatus(text: string): StackStatus {
  const parsed = stackStatusSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`status --json has an unexpected shape: ${parsed.error.message}`);
  return parsed.data;
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

export interface StatusFile extends StackStatus {
  /** The supervisor always knows its addresses. */
  address: string;
  internalAddress: string;
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
    throw new Error(`${file}: unreadable (${(err as Error).message})`, { cause: err });
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

/** The services that run (grafana is `skipped` where grafana-server is missing). */
export function activeServices<S extends StackStatus>(status: S): S['services'] {
  return status.services.filter((s) => s.state !== 'skipped');
}

/** Whether every service that runs is ready. */
export function allReady(status: StackStatus): boolean {
  return activeServices(status).every((s) => s.ready);
}

/** The named service's entry; throws, listing the services there are, when it has none. */
export function serviceOf<S extends StackStatus>(status: S, name: string): S['services'][number] {
  const found = status.services.find((s) => s.name === name);
  if (!found) throw new Error(`status lists no service ${name}: ${status.services.map((s) => s.name).join(', ')}`);
  return found;
}
