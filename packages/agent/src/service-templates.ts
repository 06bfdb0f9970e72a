/**
 * A service's templates rendered from its definition: by the agent at start, and by a service's
 * tests from a sample environment on both platforms, so a template that names an unknown variable
 * fails in a test, not in a container. Both go through renderDefinitionTemplates.
 */
import { loadAgentSettings } from './agent-settings.js';
import { loadConfig } from './config.js';
import { ConfigError, InitError, TemplateValueError } from './errors.js';
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
  return renderDefinitionTemplates(def, serviceTemplateContext(def, env, platform));
}

/**
 * The context renderServiceTemplates renders with, for a test that changes a validated value
 * afterwards (to prove the renderer refuses what a validator would have let through).
 */
export function serviceTemplateContext<S extends EnvShape, P extends PlatformData>(
  def: ServiceDefinition<S, P>,
  env: Readonly<Record<string, string | undefined>>,
  platform: PlatformName,
): ServiceContext<EnvConfig<S>, P> {
  const agent = loadAgentSettings({ ...env, AGENT_PLATFORM: platform });
  return {
    service: def.name,
    config: loadConfig(def.env, env),
    agent,
    platform: { ...def.platforms[platform], name: platform },
    log: silentLogger(),
    processes: { pid: () => undefined, names: () => [] },
    signal: new AbortController().signal,
    progress: () => undefined,
  };
}

/** What became of one setting given a line break plus a directive (see probeInjection). */
export interface InjectionOutcome {
  setting: string;
  /** The validators (loadConfig) refused the environment, naming this setting. */
  refusedBySetting: boolean;
  /** The renderer refused the value, given past the validators: template and variable it named. */
  refusedByRenderer?: { template: string; variable: string; setting: string | undefined } | undefined;
  /** Templates whose output carries the injected directive on a line of its own: an injection. */
  injectedInto: string[];
  /** Rendering stopped on another error (a template helper could not use the value at all). */
  otherError?: string | undefined;
}

/**
 * Gives each string setting of `env` (and AGENT_RUN_DIR, AGENT_POD_NAME) a line break followed by
 * `directive`, twice: once through the environment (the validators must refuse it) and once
 * straight into the validated config (the renderer must refuse it wherever a template reads it).
 * For a service's tests: each outcome says which layer stopped it, and where it would have landed.
 * `templates` limits the rendering to those sources (one config format at a time).
 */
export async function probeInjection<S extends EnvShape, P extends PlatformData>(
  def: ServiceDefinition<S, P>,
  env: Readonly<Record<string, string | undefined>>,
  platform: PlatformName,
  options: { directive?: string; templates?: readonly string[] } = {},
): Promise<InjectionOutcome[]> {
  const directive = options.directive ?? 'injected_by_probe = yes';
  const only = options.templates;
  // One config format at a time when asked: the renderer stops at the first template it refuses.
  const all = def.templates;
  if (only) def = { ...def, templates: (ctx) => (all?.(ctx) ?? []).filter((spec) => only.includes(spec.source)) };
  const base = serviceTemplateContext(def, env, platform);
  const settings = [...new Set(['AGENT_RUN_DIR', 'AGENT_POD_NAME', ...Object.keys(env).filter((k) => k in def.env && env[k] !== undefined)])];
  const out: InjectionOutcome[] = [];
  for (const setting of settings) {
    const inAgent = setting in base.agent;
    const current = inAgent ? (base.agent as Record<string, unknown>)[setting] : (base.config as Record<string, unknown>)[setting];
    // The value as it stands (unknown: whatever the schema parsed it to), with a directive after a line break.
    const seed: unknown = current ?? env[setting] ?? 'x';
    const bad = `${String(seed)}\n${directive}`;
    let refusedBySetting = false;
    try {
      await renderServiceTemplates(def, { ...env, [setting]: bad }, platform);
    } catch (err) {
      if (err instanceof ConfigError && err.variable === setting) refusedBySetting = true;
      // The renderer's refusal is what the second attempt below reports.
      else if (!(err instanceof TemplateValueError)) throw err;
    }
    const ctx = inAgent ? { ...base, agent: { ...base.agent, [setting]: bad } } : { ...base, config: { ...base.config, [setting]: bad } };
    let refusedByRenderer: InjectionOutcome['refusedByRenderer'];
    let otherError: string | undefined;
    const injectedInto: string[] = [];
    try {
      for (const file of await renderDefinitionTemplates(def, ctx)) {
        if (file.content.split('\n').some((line) => line.trim() === directive)) injectedInto.push(file.spec.source);
      }
    } catch (err) {
      if (err instanceof TemplateValueError) refusedByRenderer = { template: err.template, variable: err.variable, setting: err.setting };
      else otherError = err instanceof Error ? err.message : String(err);
    }
    out.push({ setting, refusedBySetting, refusedByRenderer, injectedInto, otherError });
  }
  return out;
}
