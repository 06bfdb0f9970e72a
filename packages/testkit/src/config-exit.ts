/**
 * What every service asserts about bad environment: the agent exits 78 (EX_CONFIG) before it
 * starts anything, with one fatal FT_ERR_CONFIG line naming the variable, and echoes no secret.
 */
import { expect } from 'vitest';
import type { AgentLogLine, AgentProcess } from './agent-process.js';

export interface ConfigExitExpectation {
  /** What the fatal line's msg must match: the variable and what is wrong with it. */
  says: RegExp;
  /** A value that must appear nowhere in the output, neither as given nor JSON-escaped. */
  secret?: string | undefined;
}

/** Awaits the agent's exit and asserts the config-error exit; resolves with the fatal line. */
export async function expectConfigExit(agent: AgentProcess, { says, secret }: ConfigExitExpectation): Promise<AgentLogLine> {
  const exit = await agent.exit;
  const output = agent.raw.join('\n');
  expect(exit.code, output).toBe(78);
  const fatal = agent.lines.filter((l) => l.level === 'fatal');
  expect(fatal, output).toHaveLength(1);
  const line = fatal[0] as AgentLogLine;
  expect(line.msg).toMatch(says);
  expect(line.code).toBe('FT_ERR_CONFIG');
  if (secret) {
    // The log is JSON: a quote, backslash or newline in the secret would appear escaped.
    expect(output).not.toContain(secret);
    expect(output).not.toContain(JSON.stringify(secret).slice(1, -1));
  }
  return line;
}
