/** Reading InfluxDB 1.x's answers: the error text of a failed request, the error of a statement. */

/** InfluxDB puts its error in `{"error": "..."}`; otherwise the start of the raw body. */
export function influxErrorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string') return parsed.error.slice(0, 300);
  } catch {
    // not JSON
  }
  return body.trim().slice(0, 300) || '(empty body)';
}

/** `partial write: ... dropped=N` -> N: 1.x stores the good lines of a batch and says how many it refused. */
export function partialWriteDropped(body: string): number | undefined {
  const m = /dropped=(\d+)/.exec(body);
  return m ? Number(m[1]) : undefined;
}
