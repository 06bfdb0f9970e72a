/**
 * InfluxQL over InfluxDB 1.x's HTTP API, for the bootstrap: one POST /query per statement (CREATE,
 * GRANT and SET PASSWORD are refused over GET), form-encoded, failing on any statement error.
 */
export interface InfluxSeries {
  name?: string;
  columns: string[];
  values?: unknown[][];
}

interface QueryAnswer {
  results?: { statement_id?: number; series?: InfluxSeries[]; error?: string }[];
  error?: string;
}

export interface InfluxAdminOptions {
  /** e.g. http://127.0.0.1:8086 */
  url: string;
  /** Basic auth; the bootstrap instance runs without authentication and needs none. */
  user?: string;
  password?: string;
  /** Cuts every request (shutdown). */
  signal?: AbortSignal;
  /** Per request. Default 30 s: a CREATE USER hashes with bcrypt, which is slow on a busy node. */
  timeoutMs?: number;
}

export class InfluxAdmin {
  private readonly endpoint: string;
  private readonly auth: string | undefined;

  constructor(private readonly options: InfluxAdminOptions) {
    this.endpoint = new URL('query', options.url.endsWith('/') ? options.url : `${options.url}/`).toString();
    this.auth = options.user !== undefined ? `Basic ${Buffer.from(`${options.user}:${options.password ?? ''}`).toString('base64')}` : undefined;
  }

  /** Runs one statement; resolves with its series (none for a command). */
  async run(statement: string, what: string = firstWords(statement)): Promise<InfluxSeries[]> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (this.auth) headers['authorization'] = this.auth;
    let res: Response;
    try {
      res = await fetch(this.endpoint, { method: 'POST', headers, body: new URLSearchParams({ q: statement }).toString(), signal });
    } catch (err) {
      throw new Error(`InfluxQL ${what}: no answer from ${this.options.url}: ${(err as Error).message}`, { cause: err });
    }
    const text = await res.text();
    let answer: QueryAnswer;
    try {
      answer = JSON.parse(text) as QueryAnswer;
    } catch {
      throw new Error(`InfluxQL ${what}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
    }
    // Never the statement itself in an error: it may hold a password.
    const error = answer.error ?? answer.results?.find((r) => r.error)?.error;
    if (!res.ok || error) throw new Error(`InfluxQL ${what}: ${error ?? `HTTP ${res.status}`}`);
    return answer.results?.[0]?.series ?? [];
  }

  /** Rows of the first series as objects keyed by column. */
  async rows(statement: string): Promise<Record<string, unknown>[]> {
    const [series] = await this.run(statement);
    if (!series) return [];
    return (series.values ?? []).map((row) => Object.fromEntries(series.columns.map((c, i) => [c, row[i]])));
  }
}

/** "CREATE USER", "SET PASSWORD", ...: enough to say which statement failed, never its secrets. */
function firstWords(statement: string): string {
  return statement.split(/\s+/).slice(0, 2).join(' ');
}
