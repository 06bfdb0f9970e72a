/**
 * The bounded queue of lines waiting for InfluxDB. When it is full the OLDEST lines go: during a
 * long outage the recent past is what an operator looks at, and memory must stay flat.
 *
 * At most `limit` lines wait. A batch taken for sending is outside that count until it is settled
 * (sent or given up) or put back after a failed send; putting it back trims the oldest lines again.
 * So memory is bounded by limit + one batch, and what is dropped is always the oldest. Lines are
 * kept in an array with a moving head, so dropping and taking from the front cost O(1) amortised.
 */
export class LineBuffer {
  private items: string[] = [];
  private head = 0;
  private inFlight = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`buffer limit must be a positive integer, got ${limit}`);
  }

  /** Lines waiting, not counting a batch in flight. */
  get size(): number {
    return this.items.length - this.head;
  }

  /** Lines waiting plus the batch in flight. */
  get held(): number {
    return this.size + this.inFlight;
  }

  /** Appends lines; returns how many old lines were dropped to make room. */
  push(lines: readonly string[]): number {
    let dropped = 0;
    let incoming = lines;
    if (incoming.length > this.limit) {
      // More new lines than the buffer can ever hold: only the newest of them are kept.
      dropped += incoming.length - this.limit;
      incoming = incoming.slice(incoming.length - this.limit);
    }
    const over = this.size + incoming.length - this.limit;
    if (over > 0) dropped += this.dropOldest(over);
    for (const line of incoming) this.items.push(line);
    return dropped;
  }

  /**
   * Removes up to `max` of the oldest lines for sending. They stay counted until settle() (they
   * were delivered or given up) or putBack() (the send failed and they should be retried).
   */
  take(max: number): string[] {
    if (this.inFlight > 0) throw new Error('a batch is already in flight');
    const end = Math.min(this.items.length, this.head + max);
    const batch = this.items.slice(this.head, end);
    this.head = end;
    this.inFlight = batch.length;
    this.compact();
    return batch;
  }

  /** The batch in flight is done with: delivered or dropped. */
  settle(): void {
    this.inFlight = 0;
  }

  /**
   * The batch in flight failed: it goes back to the front, being older than everything queued.
   * Returns how many of its oldest lines were dropped because newer ones filled the buffer meanwhile.
   */
  putBack(failed: readonly string[]): number {
    this.inFlight = 0;
    const over = Math.max(0, this.size + failed.length - this.limit);
    const batch = over > 0 ? failed.slice(over) : failed;
    if (batch.length === 0) return over;
    if (this.head >= batch.length) {
      this.head -= batch.length;
      for (let i = 0; i < batch.length; i++) this.items[this.head + i] = batch[i] as string;
    } else {
      this.items = [...batch, ...this.items.slice(this.head)];
      this.head = 0;
    }
    return over;
  }

  /** Drops the `count` oldest waiting lines; returns how many were dropped. */
  private dropOldest(count: number): number {
    const n = Math.min(count, this.size);
    this.head += n;
    this.compact();
    return n;
  }

  /** Reclaims the space before the head once it is the larger part of the array. */
  private compact(): void {
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
