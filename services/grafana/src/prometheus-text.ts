/**
 * Reads the Prometheus text exposition format (what Grafana serves on /metrics): sample lines
 * `name{label="v",...} value [timestamp]`; # lines and blank lines are skipped.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?\s*$/;
const LABEL = /([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parsePrometheusText(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = SAMPLE.exec(line.trim());
    if (!m) continue;
    const value = parseValue(m[3] as string);
    if (value === undefined) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) labels[l[1] as string] = (l[2] as string).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    out.push({ name: m[1] as string, labels, value });
  }
  return out;
}

function parseValue(text: string): number | undefined {
  if (text === 'NaN') return undefined;
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** Sum of the samples of `name` whose labels pass `filter`; undefined when there is none. */
export function sumOf(samples: readonly Sample[], name: string, filter: (labels: Record<string, string>) => boolean = () => true): number | undefined {
  let found = false;
  let sum = 0;
  for (const s of samples) {
    if (s.name !== name || !filter(s.labels)) continue;
    found = true;
    sum += s.value;
  }
  return found ? sum : undefined;
}
