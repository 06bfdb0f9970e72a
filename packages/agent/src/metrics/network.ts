/**
 * `net` per interface from /proc/net/dev, named as telegraf's net plugin (bytes_recv, ...).
 * /proc/net follows the reader's network namespace, so in a pod these are the pod's interfaces.
 * Values are the kernel's running counters; dashboards take their derivative.
 */
import { readFile } from 'node:fs/promises';
import type { Collector, MetricPoint } from '../types.js';
import { measurementPoint } from './measurement-point.js';

export interface NetworkOptions {
  /** Default /proc. */
  procRoot?: string;
  /** Report the loopback interface too. Default false: it only carries the container's own chatter. */
  includeLoopback?: boolean;
  /** Only these interfaces (after the loopback rule); default all. */
  interfaces?: readonly string[];
}

export interface InterfaceCounters {
  interface: string;
  bytes_recv: number;
  packets_recv: number;
  err_in: number;
  drop_in: number;
  bytes_sent: number;
  packets_sent: number;
  err_out: number;
  drop_out: number;
}

/**
 * Parses /proc/net/dev: two header lines, then `name: 16 numbers` (8 receive, 8 transmit).
 * The name and the first number may touch (`eth0:123`) on old kernels, hence the split on ':'.
 */
export function parseNetDev(text: string): InterfaceCounters[] {
  const out: InterfaceCounters[] = [];
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.includes('|')) continue;
    const name = line.slice(0, colon).trim();
    const n = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(Number);
    if (!name || n.length < 16 || n.some((v) => !Number.isFinite(v))) continue;
    const v = (i: number): number => n[i] as number;
    out.push({
      interface: name,
      bytes_recv: v(0),
      packets_recv: v(1),
      err_in: v(2),
      drop_in: v(3),
      bytes_sent: v(8),
      packets_sent: v(9),
      err_out: v(10),
      drop_out: v(11),
    });
  }
  return out;
}

export function networkCollector(options: NetworkOptions = {}): Collector {
  const file = `${options.procRoot ?? '/proc'}/net/dev`;
  const only = options.interfaces ? new Set(options.interfaces) : undefined;
  return {
    name: 'net',
    async collect(): Promise<MetricPoint[]> {
      const counters = parseNetDev(await readFile(file, 'utf8'));
      return counters
        .filter((c) => (options.includeLoopback || c.interface !== 'lo') && (!only || only.has(c.interface)))
        .map(({ interface: name, ...fields }) => measurementPoint('net', fields, { interface: name }));
    },
  };
}
