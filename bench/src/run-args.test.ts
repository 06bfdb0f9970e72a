import { describe, expect, it } from 'vitest';
import { parseRunArgs } from './run-args.js';

const SUITE = ['agent-footprint', 'failure-detection', 'cold-start'];

describe('parseRunArgs', () => {
  it('runs everything by default', () => {
    expect(parseRunArgs([], SUITE)).toEqual({ only: undefined, quick: false });
  });

  it('takes --only in suite order, in both spellings, and --quick', () => {
    expect(parseRunArgs(['--only', 'cold-start,failure-detection', '--quick'], SUITE)).toEqual({ only: ['failure-detection', 'cold-start'], quick: true });
    expect(parseRunArgs(['--only=cold-start'], SUITE)).toEqual({ only: ['cold-start'], quick: false });
    // As nx forwards them: `nx run @ft/bench:bench --quick`.
    expect(parseRunArgs(['--quick=true'], SUITE)).toEqual({ only: undefined, quick: true });
  });

  it('names an unknown benchmark or argument', () => {
    expect(parseRunArgs(['--only', 'cold-star'], SUITE)).toEqual({ error: 'unknown benchmark cold-star' });
    expect(parseRunArgs(['--fast'], SUITE)).toEqual({ error: 'unknown argument --fast' });
    expect(parseRunArgs(['--only'], SUITE)).toEqual({ error: '--only needs a list of benchmark names' });
  });
});
