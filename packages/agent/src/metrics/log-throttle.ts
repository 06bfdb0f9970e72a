/**
 * At most one log line per window for a recurring condition, with how many occurrences the window
 * swallowed. A dead InfluxDB fails every few seconds for as long as it is down; the log must say so
 * once in a while, not drown everything else.
 */
export class LogThrottle {
  private last = -Infinity;
  private suppressed = 0;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Records one occurrence. Returns undefined when it should not be logged, else the number of
   * occurrences swallowed since the previous line (0 for the first).
   */
  hit(): number | undefined {
    const t = this.now();
    if (t - this.last < this.windowMs) {
      this.suppressed++;
      return undefined;
    }
    const swallowed = this.suppressed;
    this.last = t;
    this.suppressed = 0;
    return swallowed;
  }
}
