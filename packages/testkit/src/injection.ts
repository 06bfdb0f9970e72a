/**
 * The assertion every service's injection test makes (services/<name>/test/injection.test.ts): no
 * injection through a setting. Each setting the service renders is given a line break and a
 * directive of the config's own format, once through the environment (its validator must refuse
 * it, exit 78 naming it) and once past the validators (the renderer must refuse it, naming the
 * template and the setting), against the service's real templates, one config format at a time.
 * Secrets (as the schema marks them) may hold any character, so only the renderer stands in their
 * way. Returns setting -> the template whose renderer refused it, for the caller's own expectations.
 */
import { expect } from 'vitest';
import { isSecret, probeInjection, type EnvShape, type PlatformData, type ServiceDefinition } from '@ft/agent';

export async function injectionRefusals<S extends EnvShape, P extends PlatformData>(
  definition: ServiceDefinition<S, P>,
  env: Record<string, string>,
  platform: 'alpine' | 'debian',
  templates: string[],
  directive: string,
): Promise<Record<string, string>> {
  // probeInjection takes any definition; a specific one is not assignable to it (its functions' contexts).
  const def = definition as unknown as ServiceDefinition<EnvShape, PlatformData>;
  const secret = (name: string): boolean => {
    const schema = def.env[name];
    return schema !== undefined && isSecret(schema);
  };
  const outcomes = await probeInjection(def, env, platform, { directive, templates });
  expect(outcomes.map((o) => o.setting).sort()).toEqual([...new Set(['AGENT_RUN_DIR', 'AGENT_POD_NAME', ...Object.keys(env)])].sort());
  for (const o of outcomes) {
    expect(o.injectedInto, `${o.setting} injected into`).toEqual([]);
    if (!secret(o.setting)) expect(o.refusedBySetting, `${o.setting} refused by its validator`).toBe(true);
  }
  return Object.fromEntries(outcomes.flatMap((o) => (o.refusedByRenderer ? [[o.setting, o.refusedByRenderer.template]] : [])));
}
