import { describe, expect, it } from 'vitest';
import { SECRET, demoEnv, startAgent } from './agent-process.js';

async function exitWith(overrides: Record<string, string | undefined>) {
  const a = startAgent(await demoEnv(overrides));
  const exit = await a.exit;
  await new Promise((r) => setTimeout(r, 50));
  const msg = a.lines.map((l) => `${String(l.code)} ${l.msg}`).join('\n');
  return { code: exit.code, out: a.raw.join('\n'), msg, lines: a.raw };
}

describe('bad environment stops the agent before it starts anything', () => {
  const cases: [string, Record<string, string | undefined>, RegExp][] = [
    ['missing service variable', { DEMO_GREETING: undefined }, /DEMO_GREETING: is not set; expected a greeting/],
    ['empty counts as missing', { DEMO_GREETING: '' }, /DEMO_GREETING: is not set/],
    ['malformed port', { DEMO_PORT: 'eighty' }, /DEMO_PORT: is malformed: expected a TCP port number 1-65535 \(got "eighty"\)/],
    ['port out of range', { DEMO_PORT: '70000' }, /DEMO_PORT: is malformed: expected a TCP port number 1-65535/],
    ['malformed boolean', { DEMO_HANG_CHECK: 'maybe' }, /DEMO_HANG_CHECK: is malformed: expected true or false/],
    ['agent setting', { AGENT_PORT: '-1' }, /AGENT_PORT: is malformed: expected a TCP port number/],
    ['agent platform', { AGENT_PLATFORM: 'windows' }, /AGENT_PLATFORM: is malformed: expected one of alpine, debian/],
    ['influx url', { AGENT_INFLUX_URL: 'not a url' }, /AGENT_INFLUX_URL: is malformed: expected an absolute URL/],
  ];
  for (const [name, overrides, expected] of cases) {
    it(`${name}: exit 78 and one line naming the variable`, async () => {
      const { code, msg, lines } = await exitWith(overrides);
      expect(code).toBe(78);
      expect(lines).toHaveLength(1);
      expect(msg).toMatch(expected);
      expect(msg).toContain('FT_ERR_CONFIG');
    });
  }

  it('a short secret is named but its value is never printed', async () => {
    const tooShort = 'hunter2';
    const { code, out, msg } = await exitWith({ DEMO_SECRET: tooShort });
    expect(code).toBe(78);
    expect(msg).toMatch(/DEMO_SECRET: is malformed: expected a secret of at least 12 characters/);
    expect(out).not.toContain(tooShort);
    expect(out).not.toContain(SECRET);
  });
});
