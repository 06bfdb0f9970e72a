/**
 * Renders a service's templates in memory from a given environment, as the agent would at start.
 * Service tests call it with a sample environment on both platforms: a template that names an
 * unknown variable fails there, not in a container.
 */
import { loadAgentSettings } from './agent-settings.js';
import { loadConfig } from './config.js';
import { silentLogger } from './logger.js';
import { renderTemplates, type RenderedFile } from './templates.js';
import type { EnvShape, PlatformData, PlatformName, ServiceContext, ServiceDefinition, EnvConfig } from './types.js';

export async function renderServiceTemplates<S extends EnvShape, P extends PlatformData>(
  def: ServiceDefinition<S, P>,
  env: Readonly<Record<string, string | undefined>>,
  platform: PlatformName,
): Promise<RenderedFile[]> {
  const agent = loadAgentSettings({ ...env, AGENT_PLATFORM: platform });
  const config = loadConfig(def.env, env);
  const ctx: ServiceContext<EnvConfig<S>, P> = {
    service: def.name,
    config,
    agent,
    platform: { ...def.platforms[platform], name: platform },
    log: silentLogger(),
    processes: { pid: () => undefined, names: () => [] },
    signal: new AbortController().signal,
    progress: () => undefined,
  };
  const specs = def.templates?.(ctx) ?? [];
  if (specs.length === 0) return [];
  if (!def.templateDir) throw new Error(`${def.name} declares templates but no templateDir`);
  const vars = { ...config, platform: ctx.platform, agent, ...(def.templateVars?.(ctx) ?? {}) };
  return renderTemplates(def.templateDir, specs, vars);
}
