/** Minimal INI reader for assertions on grafana.ini: [section] key = value; ; and # are comments. */
export function parseIni(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = { '': {} };
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1] as string;
      out[section] ??= {};
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) throw new Error(`not an INI line: ${line}`);
    (out[section] as Record<string, string>)[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}
