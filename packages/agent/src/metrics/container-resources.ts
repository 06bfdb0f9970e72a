/**
 * The container's own CPU and memory: `cpu` (usage_percent, usage_total_seconds) and `mem` (used,
 * limit, used_percent). Read from the container's cgroup when it has one of its own, else summed
 * over the processes of its PID namespace; never the host's figures.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AgentSettings } from '../agent-settings.js';
import type { FieldValues } from '@ft/platform';
import type { Collector, MetricPoint } from '../types.js';
import { measurementPoint } from './measurement-point.js';
import { CpuRate, type MonotonicMs } from './cpu-rate.js';
import { CLOCK_TICKS, sharedProcTable } from '../proc-table.js';

export type ResourceSource = AgentSettings['AGENT_RESOURCE_SOURCE'];
export type ResolvedResourceSource = Exclude<ResourceSource, 'auto'>;

export interface ContainerResourcesOptions {
  /** Default 'auto' (AGENT_RESOURCE_SOURCE). */
  source?: ResourceSource;
  /** Default /sys/fs/cgroup; tests point it at a fixture. */
  sysfsRoot?: string;
  /** Default /proc. */
  procRoot?: string;
  /** Default 100 (getconf CLK_TCK). */
  clockTicks?: number;
  /** Monotonic clock in ms, for the CPU rate; tests may drive it. */
  now?: MonotonicMs;
}

interface Reading {
  cpuSeconds: number;
  memUsedBytes: number;
  memLimitBytes: number | undefined;
}

/**
 * `auto`: a container with its own cgroup v2 namespace sees its cgroup at /sys/fs/cgroup, and
 * that has memory.current; the host's root cgroup has none, and cgroup v1 mounts show the whole
 * host's hierarchy. So cgroup v2 when memory.current exists, else the process table.
 */
export function resolveResourceSource(source: ResourceSource, sysfsRoot = '/sys/fs/cgroup'): ResolvedResourceSource {
  if (source !== 'auto') return source;
  return existsSync(path.join(sysfsRoot, 'memory.current')) ? 'cgroup2' : 'proc';
}

export function containerResourcesCollector(options: ContainerResourcesOptions = {}): Collector {
  const sysfs = options.sysfsRoot ?? '/sys/fs/cgroup';
  const proc = options.procRoot ?? '/proc';
  const ticks = options.clockTicks ?? CLOCK_TICKS;
  const source = resolveResourceSource(options.source ?? 'auto', sysfs);
  const rate = new CpuRate(options.now);
  const read: () => Promise<Reading> =
    source === 'cgroup2' ? () => readCgroup2(sysfs) : source === 'cgroup1' ? () => readCgroup1(sysfs) : () => readProc(proc, ticks);

  return {
    name: 'container-resources',
    async collect(): Promise<MetricPoint[]> {
      const r = await read();
      const cpu: FieldValues<'cpu'> = { usage_total_seconds: r.cpuSeconds };
      const percent = rate.percent('container', r.cpuSeconds);
      if (percent !== undefined) cpu.usage_percent = percent;
      const mem: FieldValues<'mem'> = { used: r.memUsedBytes };
      if (r.memLimitBytes !== undefined) {
        mem.limit = r.memLimitBytes;
        mem.used_percent = (r.memUsedBytes / r.memLimitBytes) * 100;
      }
      return [measurementPoint('cpu', cpu), measurementPoint('mem', mem)];
    },
  };
}

async function readCgroup2(root: string): Promise<Reading> {
  const [cpuStat, current, max, memStat] = await Promise.all([
    readFile(path.join(root, 'cpu.stat'), 'utf8'),
    readNumberFile(path.join(root, 'memory.current')),
    readFile(path.join(root, 'memory.max'), 'utf8').catch(() => 'max'),
    readFile(path.join(root, 'memory.stat'), 'utf8').catch(() => ''),
  ]);
  const usec = keyedValue(cpuStat, 'usage_usec');
  if (usec === undefined) throw new Error(`${root}/cpu.stat has no usage_usec`);
  const limit = max.trim() === 'max' ? undefined : Number(max.trim());
  return {
    cpuSeconds: usec / 1e6,
    memUsedBytes: withoutInactiveFile(current, keyedValue(memStat, 'inactive_file')),
    memLimitBytes: limit !== undefined && Number.isFinite(limit) && limit > 0 ? limit : undefined,
  };
}

/** cgroup v1 reports "no limit" as a page-aligned near-2^63 value. */
const V1_UNLIMITED = 2 ** 60;

async function readCgroup1(root: string): Promise<Reading> {
  const [usageNs, usage, limit, memStat] = await Promise.all([
    readNumberFile(path.join(root, 'cpuacct', 'cpuacct.usage')),
    readNumberFile(path.join(root, 'memory', 'memory.usage_in_bytes')),
    readNumberFile(path.join(root, 'memory', 'memory.limit_in_bytes')).catch(() => undefined),
    readFile(path.join(root, 'memory', 'memory.stat'), 'utf8').catch(() => ''),
  ]);
  return {
    cpuSeconds: usageNs / 1e9,
    memUsedBytes: withoutInactiveFile(usage, keyedValue(memStat, 'total_inactive_file')),
    memLimitBytes: limit !== undefined && limit > 0 && limit < V1_UNLIMITED ? limit : undefined,
  };
}

/** Sum over every visible process; in the container's PID namespace that is the container. */
async function readProc(root: string, clockTicks: number): Promise<Reading> {
  const table = await sharedProcTable(root);
  if (table.size === 0) throw new Error(`no processes visible under ${root}`);
  let ticks = 0;
  let rss = 0;
  for (const p of table.values()) {
    ticks += p.ticks + p.childTicks;
    rss += p.rssBytes;
  }
  return { cpuSeconds: ticks / clockTicks, memUsedBytes: rss, memLimitBytes: undefined };
}

/**
 * The cgroup's memory figure counts page cache the kernel reclaims at will; like `docker stats`
 * and the kubelet's working set, report it without the inactive file cache.
 */
function withoutInactiveFile(usage: number, inactiveFile: number | undefined): number {
  return inactiveFile !== undefined && inactiveFile <= usage ? usage - inactiveFile : usage;
}

async function readNumberFile(file: string): Promise<number> {
  const text = (await readFile(file, 'utf8')).trim();
  const n = Number(text);
  if (text === '' || !Number.isFinite(n)) throw new Error(`${file}: not a number: ${text.slice(0, 40)}`);
  return n;
}

/** `key value` lines (cpu.stat, memory.stat) -> the value of `key`. */
function keyedValue(text: string, key: string): number | undefined {
  const m = new RegExp(`^${key} (\\d+)$`, 'm').exec(text);
  return m ? Number(m[1]) : undefined;
}
