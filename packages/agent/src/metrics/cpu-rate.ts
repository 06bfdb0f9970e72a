/**
 * CPU use in percent of one core between two readings of a cumulative CPU-seconds counter, as
 * `top` shows it (200 = two cores busy). Wall time comes from the monotonic clock, so a clock
 * step (NTP) never produces a spike.
 */
export type MonotonicMs = () => number;

const monotonicMs: MonotonicMs = () => performance.now();

interface Reading {
  cpuSeconds: number;
  atMs: number;
}

export class CpuRate {
  private readonly last = new Map<string, Reading>();

  constructor(private readonly now: MonotonicMs = monotonicMs) {}

  /**
   * Records a reading for `key` and returns the percent since the previous one; undefined for the
   * first reading (no interval yet). A counter that went backwards (the process restarted, a
   * member of a summed tree exited unreaped) restarts the series instead of reporting a negative.
   */
  percent(key: string, cpuSeconds: number): number | undefined {
    const atMs = this.now();
    const prev = this.last.get(key);
    this.last.set(key, { cpuSeconds, atMs });
    if (!prev) return undefined;
    const wallSeconds = (atMs - prev.atMs) / 1000;
    const used = cpuSeconds - prev.cpuSeconds;
    if (wallSeconds <= 0 || used < 0) return undefined;
    return (used / wallSeconds) * 100;
  }

  /** Forgets keys not in `keep` (processes gone), so the map does not grow with restarts. */
  retain(keep: ReadonlySet<string>): void {
    for (const key of this.last.keys()) if (!keep.has(key)) this.last.delete(key);
  }
}
