/**
 * The privileges each service's container gets on Kubernetes, as its `securityContext` in the
 * rendered k8s/ grants them, and how the local mode gives an agent exactly those (setpriv).
 *
 * A container runs as root with `capabilities.drop: [ALL]` and `add: [...]`: its bounding,
 * permitted and effective sets are the added capabilities, its inheritable and ambient sets are
 * empty (containerd and Docker stopped filling the inheritable set, CVE-2022-24769), and
 * `allowPrivilegeEscalation: false` sets no_new_privs. The local mode reads these from
 * `container-privileges.json`, generated from the rendering by k8s-check (`--write-privileges`),
 * whose K8S_PRIVILEGES rule fails when the file and the rendering disagree.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from './repo-root.js';
import { SERVICES, type ServiceName } from '@ft/platform';

/**
 * Linux capability numbers, from the kernel's include/uapi/linux/capability.h (the bit of each in
 * /proc/<pid>/status's CapBnd/CapPrm/CapEff masks); Kubernetes names them without `CAP_`.
 */
export const CAPABILITY_BITS = {
  CHOWN: 0,
  DAC_OVERRIDE: 1,
  DAC_READ_SEARCH: 2,
  FOWNER: 3,
  FSETID: 4,
  KILL: 5,
  SETGID: 6,
  SETUID: 7,
  SETPCAP: 8,
  LINUX_IMMUTABLE: 9,
  NET_BIND_SERVICE: 10,
  NET_BROADCAST: 11,
  NET_ADMIN: 12,
  NET_RAW: 13,
  IPC_LOCK: 14,
  IPC_OWNER: 15,
  SYS_MODULE: 16,
  SYS_RAWIO: 17,
  SYS_CHROOT: 18,
  SYS_PTRACE: 19,
  SYS_PACCT: 20,
  SYS_ADMIN: 21,
  SYS_BOOT: 22,
  SYS_NICE: 23,
  SYS_RESOURCE: 24,
  SYS_TIME: 25,
  SYS_TTY_CONFIG: 26,
  MKNOD: 27,
  LEASE: 28,
  AUDIT_WRITE: 29,
  AUDIT_CONTROL: 30,
  SETFCAP: 31,
  MAC_OVERRIDE: 32,
  MAC_ADMIN: 33,
  SYSLOG: 34,
  WAKE_ALARM: 35,
  BLOCK_SUSPEND: 36,
  AUDIT_READ: 37,
  PERFMON: 38,
  BPF: 39,
  CHECKPOINT_RESTORE: 40,
} as const;

export type Capability = keyof typeof CAPABILITY_BITS;

function isCapability(name: string): name is Capability {
  return Object.hasOwn(CAPABILITY_BITS, name);
}

const containerPrivilegesSchema = z.strictObject({
  /** Bounding = permitted = effective set, sorted; inheritable and ambient are empty. */
  capabilities: z.array(z.string().refine(isCapability, 'expected a capability name such as NET_BIND_SERVICE')),
  noNewPrivs: z.boolean(),
});

export type ContainerPrivileges = { capabilities: Capability[]; noNewPrivs: boolean };

const privilegesFileSchema = z.strictObject({
  generatedFrom: z.string(),
  services: z.strictObject(Object.fromEntries(SERVICES.map((s) => [s, containerPrivilegesSchema])) as Record<ServiceName, typeof containerPrivilegesSchema>),
});

export interface PrivilegesFile {
  generatedFrom: string;
  services: Record<ServiceName, ContainerPrivileges>;
}

/** A privileges file that is missing or not in the format above: the local mode cannot confine its agents. */
export class PrivilegesFileError extends Error {
  override name = 'PrivilegesFileError';
}

/** The file generated from `kubectl kustomize k8s/base`, kept in git beside this package. */
export function defaultPrivilegesFile(): string {
  return path.join(repoRoot(), 'tools', 'stack', 'container-privileges.json');
}

export function parsePrivilegesFile(text: string, file: string): PrivilegesFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PrivilegesFileError(`${file}: not JSON (${(err as Error).message})`);
  }
  const parsed = privilegesFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PrivilegesFileError(`${file}: ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export function readPrivilegesFile(file = defaultPrivilegesFile()): PrivilegesFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new PrivilegesFileError(`cannot read the containers' privileges ${file} (${(err as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  return parsePrivilegesFile(text, file);
}

/** The file's text: stable (sorted) so that a regeneration changes it only when the rendering changed. */
export function privilegesFileText(file: PrivilegesFile): string {
  const services = Object.fromEntries(
    SERVICES.map((s) => [s, { capabilities: [...file.services[s].capabilities].sort(), noNewPrivs: file.services[s].noNewPrivs }]),
  );
  return `${JSON.stringify({ generatedFrom: file.generatedFrom, services }, null, 2)}\n`;
}

/**
 * setpriv(1) options that leave a root process with exactly these privileges after its next
 * execve: root's permitted and effective sets become the bounding set (its file capabilities
 * count as full), once the inheritable and ambient sets are empty.
 */
export function setprivArgs(p: ContainerPrivileges): string[] {
  const bounding = ['-all', ...[...p.capabilities].sort().map((c) => `+${c.toLowerCase()}`)].join(',');
  return ['--bounding-set', bounding, '--inh-caps', '-all', '--ambient-caps', '-all', ...(p.noNewPrivs ? ['--no-new-privs'] : [])];
}

/** The capability names of a /proc/<pid>/status mask (`CapBnd:\t00000000a80425fb`). */
export function capabilitiesOfMask(hex: string): Capability[] {
  const mask = BigInt(`0x${hex}`);
  return (Object.entries(CAPABILITY_BITS) as Array<[Capability, number]>)
    .filter(([, bit]) => (mask >> BigInt(bit)) & 1n)
    .map(([name]) => name)
    .sort();
}

// --- From the rendering -------------------------------------------------------------------------

type Json = Record<string, unknown>;
const record = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const records = (v: unknown): Json[] =>
  (Array.isArray(v) ? v : []).flatMap((i: unknown) => {
    const r = record(i);
    return r ? [r] : [];
  });
const strings = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Why a securityContext cannot be reproduced here; the message names the field. */
export class SecurityContextError extends Error {
  override name = 'SecurityContextError';
}

/**
 * What one container gets from its pod's and its own securityContext. Only what the local mode
 * reproduces is accepted: root, an explicit capability list after `drop: [ALL]` (the runtime's
 * default set differs between runtimes), no privileged mode.
 */
export function containerPrivileges(podSecurityContext: unknown, securityContext: unknown): ContainerPrivileges {
  const pod = record(podSecurityContext) ?? {};
  const own = record(securityContext) ?? {};
  if (own.privileged === true) throw new SecurityContextError('securityContext.privileged is true: every capability, which the platform never needs');
  for (const [where, ctx] of [
    ['pod securityContext', pod],
    ['securityContext', own],
  ] as const) {
    const uid = ctx.runAsUser;
    if (uid !== undefined && uid !== 0)
      throw new SecurityContextError(`${where}.runAsUser is ${JSON.stringify(uid)}: the agents run as root (they create users, chown volumes)`);
  }
  const caps = record(own.capabilities) ?? {};
  const drop = strings(caps.drop);
  if (!drop.includes('ALL')) {
    throw new SecurityContextError("securityContext.capabilities.drop lacks ALL: the runtime's default set would apply, which differs between runtimes");
  }
  const capabilities = new Set<Capability>();
  for (const raw of strings(caps.add)) {
    const name = typeof raw === 'string' ? raw.replace(/^CAP_/, '') : '';
    if (!isCapability(name)) throw new SecurityContextError(`securityContext.capabilities.add: ${JSON.stringify(raw)} is not a Linux capability`);
    capabilities.add(name);
  }
  return { capabilities: [...capabilities].sort(), noNewPrivs: own.allowPrivilegeEscalation === false };
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet']);

/**
 * Each service's privileges in a rendering (parsed `kubectl kustomize` output): its Deployment or
 * StatefulSet named after it, the container of the same name. `problems` names each service whose
 * privileges cannot be read.
 */
export function privilegesOfRendering(objects: readonly unknown[]): {
  services: Partial<Record<ServiceName, ContainerPrivileges>>;
  problems: Array<{ service: ServiceName; message: string }>;
} {
  const services: Partial<Record<ServiceName, ContainerPrivileges>> = {};
  const problems: Array<{ service: ServiceName; message: string }> = [];
  for (const service of SERVICES) {
    const workload = objects.map(record).find((o) => o && WORKLOAD_KINDS.has(String(o.kind)) && record(o.metadata)?.name === service);
    const podSpec = record(record(record(workload?.spec)?.template)?.spec);
    const container = records(podSpec?.containers).find((c) => c.name === service);
    if (!podSpec || !container) {
      problems.push({ service, message: `no Deployment or StatefulSet ${service} with a container ${service}` });
      continue;
    }
    try {
      services[service] = containerPrivileges(podSpec.securityContext, container.securityContext);
    } catch (err) {
      if (!(err instanceof SecurityContextError)) throw err;
      problems.push({ service, message: err.message });
    }
  }
  return { services, problems };
}
