/** Reads an agent's /readyz and /healthz (packages/agent/src/health-server.ts) on its port. */

export interface ProbeResult {
  /** null: no answer (not listening yet, or gone). */
  ready: boolean | null;
  live: boolean | null;
  /** The failing checks, processes or phase from /readyz, e.g. `mysql: Access denied ...`. */
  failure: string | null;
}

interface ReadyzBody {
  phase?: string;
  failures?: { kind?: string; name?: string; reason?: string }[];
}

export async function probeAgent(host: string, port: number, timeoutMs = 2_000): Promise<ProbeResult> {
  const [ready, live] = await Promise.all([get(host, port, '/readyz', timeoutMs), get(host, port, '/healthz', timeoutMs)]);
  let failure: string | null = null;
  if (ready && ready.status !== 200) failure = describeFailures(ready.body) ?? `/readyz answered ${ready.status}`;
  else if (!ready) failure = 'the agent port does not answer';
  return { ready: ready ? ready.status === 200 : null, live: live ? live.status === 200 : null, failure };
}

/** `name: reason; name: reason` from a /readyz body, or null when it has none. */
export function describeFailures(body: string): string | null {
  let parsed: ReadyzBody;
  try {
    parsed = JSON.parse(body) as ReadyzBody;
  } catch {
    return null;
  }
  const failures = parsed.failures ?? [];
  if (failures.length === 0) return null;
  return failures.map((f) => `${f.name ?? f.kind ?? '?'}: ${f.reason ?? 'failing'}`).join('; ');
}

async function get(host: string, port: number, pathname: string, timeoutMs: number): Promise<{ status: number; body: string } | null> {
  try {
    const res = await fetch(`http://${host}:${port}${pathname}`, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, body: await res.text() };
  } catch {
    return null;
  }
}
