/** A RUN's shell script as the rules read it: its commands as word lists, and ARG substitution. */

/** Shell commands of a RUN, split at ; && || | and newlines, as word lists. */
export function shellCommands(script: string): string[][] {
  return script
    .split(/;|&&|\|\||\||\n/)
    .map((part) =>
      part
        .trim()
        .split(/\s+/)
        .filter((w) => w !== '')
        .filter((w, i, all) => !all.slice(0, i + 1).every((x) => /^([({!]|then|do|else|[A-Za-z_][A-Za-z0-9_]*=\S*)$/.test(x))),
    )
    .filter((words) => words.length > 0);
}

/** Substitutes ${NAME} / $NAME from the stage's ARGs and the RUN's own `name="..."` assignments. */
export function substitute(text: string, vars: Map<string, string | undefined>): string {
  const local = new Map(vars);
  for (const m of text.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)="([^"]*)"/g)) {
    if (m[1] && !local.has(m[1])) local.set(m[1], m[2]);
  }
  let out = text;
  for (let i = 0; i < 5; i++) {
    const next = out.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, a: string | undefined, b: string | undefined) => {
      const value = local.get(a ?? b ?? '');
      return value ?? whole;
    });
    if (next === out) break;
    out = next;
  }
  return out;
}
