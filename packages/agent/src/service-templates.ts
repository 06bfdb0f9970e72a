/**
 * A service's templates rendered from its definition: by the agent at start, and by a service's
 * tests from a sample environment on both platforms, so a template that names an unknown variable
 * fails in a test, not in a container. Both go through renderDefinitionTemplates.
 */
import { loadAgentSettings } from './agent-settings.js';
import { loadConfig } from './config.js';
import { InitError } from './errors.js';
import { silentLogger } from './logger.js';
import { renderTemplates, type RenderedFile } from './templates.js';
import type { EnvConfig, EnvShape, PlatformData, PlatformName, ServiceContext, ServiceDefinition } from './types.js';

/** Every template the definition declares for `ctx`, rendered in memory. */
export async function renderDefinitionTemplates<S extends EnvShape, P extends PlatformData>(
  def: ServiceDefinition<S, P>,
  ctx: ServiceContext<EnvConfig<S>, P>,
): Promise<RenderedFile[]> {
  const specs = def.templates?.(ctx) ?? [];
  if (specs.length === 0) return [];
  if (!def.templateDir) throw new InitError('templates', 'the service declares templates but no templateDir');
  const vars = { ...ctx.config, platform: ctx.platform, agent: ctx.agent, ...(def.templateVars?.(ctx) ?? {}) };
  return renderTemplates(def.templateDir, specs, vars);
}

/** What the agent would render from `env` on `platform`, without starting anything. */
export async function renderServiceTemplates<S extends EnvShape, P extends PlatformData>(
  def: ServiceDefinition<S, P>,
  env: Readonly<Record<string, string | undefined>>,
  platform: PlatformName,
): Promise<RenderedFile[]> {
  const agent = loadAgentSettings({ ...env, AGENT_PLATFORM: platform });
  const ctx: ServiceContext<EnvConfig<S>, P> = {
    service: def.name,
    config: loadConfig(def.env, env),
    agent,
    platform: { ...def.platforms[platform], name: platform },
    log: silentLogger(),
    processes: { pid: () => undefined, names: () => [] },
    signal: new AbortController().signal,
    progress: () => undefined,
  };
  return renderDefinitionTemplates(def, ctx);
}
