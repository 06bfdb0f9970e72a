/**
 * The assertion every service's injection test makes (services/<name>/test/injection.test.ts):
 * each setting the service renders, given a line break and a directive of the config's format,
 * gets into no rendered file; every non-secret setting is refused by its validator (secrets may
 * hold any character, so only the renderer stands in their way). Returns setting -> the template
 * whose renderer refused it, for the caller's own expectations.
 */
import { expect } from 'vitest';
import { probeInjection, type EnvShape, type PlatformData, type ServiceDefinition } from '@ft/agent';

export async function injectionRefusals(
  def: ServiceDefinition<EnvShape, PlatformData>,
  env: Record<string, string>,
  platform: 'alpine' | 'debian',
  templates: string[],
  directive: string,
  secrets: readonly string[] = [],
): Promise<Record<string, string>> {
  const outcomes = await probeInjection(def, env, platform, { directive, templates });
  expect(outcomes.map((o) => o.setting).sort()).toEqual([...new Set(['AGENT_RUN_DIR', 'AGENT_POD_NAME', ...Object.keys(env)])].sort());
  for (const o of outcomes) {
    expect(o.injectedInto, `${o.setting} injected into`).toEqual([]);
    if (!secrets.includes(o.setting)) expect(o.refusedBySetting, `${o.setting} refused by its validator`).toBe(true);
  }
  return Object.fromEntries(outcomes.flatMap((o) => (o.refusedByRenderer ? [[o.setting, o.refusedByRenderer.template]] : [])));
}
