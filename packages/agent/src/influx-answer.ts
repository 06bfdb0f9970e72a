/** Reading InfluxDB 1.x's answers, for the metrics writer and the influxdb check alike. */

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

/** A /query answer can be 200 and still carry a per-statement error (e.g. database not found). */
export function influxStatementError(body: string): string {
  try {
    const parsed = JSON.parse(body) as { results?: { error?: string }[]; error?: string };
    return parsed.error ?? parsed.results?.find((r) => r.error)?.error ?? '';
  } catch {
    return 'answer is not JSON';
  }
}
