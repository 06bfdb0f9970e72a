/** The runner's command line: `[--only a,b] [--quick]`. */

export interface RunArgs {
  /** The benchmarks to run in suite order, or undefined for all. */
  only: string[] | undefined;
  quick: boolean;
}

export function parseRunArgs(argv: readonly string[], suite: readonly string[]): RunArgs | { error: string } {
  let only: string[] | undefined;
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--quick' || arg === '--quick=true') {
      // nx forwards flags to the command as --name=value.
      quick = true;
    } else if (arg === '--quick=false') {
      quick = false;
    } else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (!value) return { error: '--only needs a list of benchmark names' };
      const names = value
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean);
      const unknown = names.filter((n) => !suite.includes(n));
      if (unknown.length > 0) return { error: `unknown benchmark ${unknown.join(', ')}` };
      // Suite order whatever the order given: cold start before WordPress load, as in a full run.
      only = suite.filter((n) => names.includes(n));
    } else {
      return { error: `unknown argument ${arg}` };
    }
  }
  return { only, quick };
}
