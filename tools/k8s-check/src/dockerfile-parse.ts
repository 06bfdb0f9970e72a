/**
 * A Dockerfile as the builder reads it: comment lines dropped (inside continuations too), lines
 * joined at a trailing backslash, split into instructions and build stages.
 */
export interface Instruction {
  keyword: string;
  /** Everything after the keyword, continuation lines joined (the backslash-newline removed). */
  args: string;
  line: number;
  /** The comment lines (without `#`) right above the instruction, blank lines allowed between. */
  comments: string[];
}

export interface Stage {
  from: Instruction;
  name?: string;
  instructions: Instruction[];
  /** ARG defaults visible in this stage (the stage's own ARGs; global ones re-declared). */
  args: Map<string, string | undefined>;
}

export interface Dockerfile {
  /** ARGs before the first FROM. */
  globalArgs: Map<string, string | undefined>;
  stages: Stage[];
}

export function parseInstructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = text.split('\n');
  let current: { parts: string[]; line: number } | undefined;
  let comments: string[] = [];
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (/^\s*#/.test(line)) {
      if (!current) comments.push(line.replace(/^\s*#\s?/, ''));
      return;
    }
    if (!current) {
      if (line.trim() === '') return;
      current = { parts: [], line: i + 1 };
    }
    const continued = /\\\s*$/.test(line);
    current.parts.push(continued ? line.replace(/\\\s*$/, '') : line);
    if (!continued) {
      const joined = current.parts.join(' ').trim();
      const match = /^(\S+)\s*([\s\S]*)$/.exec(joined);
      if (match) out.push({ keyword: (match[1] ?? '').toUpperCase(), args: (match[2] ?? '').trim(), line: current.line, comments });
      current = undefined;
      comments = [];
    }
  });
  return out;
}

/** `NAME=value` or `NAME` of an ARG line (one variable per ARG, as the project writes them). */
export function parseArg(args: string): [string, string | undefined] {
  const eq = args.indexOf('=');
  if (eq < 0) return [args.trim(), undefined];
  return [
    args.slice(0, eq).trim(),
    args
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1'),
  ];
}

export function parseDockerfile(text: string): Dockerfile {
  const globalArgs = new Map<string, string | undefined>();
  const stages: Stage[] = [];
  for (const ins of parseInstructions(text)) {
    if (ins.keyword === 'FROM') {
      const as = /\s+AS\s+(\S+)\s*$/i.exec(ins.args);
      stages.push({ from: ins, ...(as?.[1] ? { name: as[1] } : {}), instructions: [], args: new Map() });
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) {
      if (ins.keyword === 'ARG') {
        const [name, value] = parseArg(ins.args);
        globalArgs.set(name, value);
      }
      continue;
    }
    stage.instructions.push(ins);
    if (ins.keyword === 'ARG') {
      const [name, value] = parseArg(ins.args);
      stage.args.set(name, value ?? globalArgs.get(name));
    }
  }
  return { globalArgs, stages };
}

/** The exec form `["a", "b"]` as a list, or undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((p) => typeof p === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}
