/**
 * The agent's life, top to bottom: settings and config -> probe port -> templates -> init steps
 * -> daemons in order -> checks. Any daemon exit or failed step stops everything and exits
 * non-zero, so the orchestrator restarts the container; SIGTERM stops cleanly with 0.
 */
import { createHealthServer } from './health-server.js';
import { healthCollector } from './health-collector.js';
import { CheckRunner } from './check-runner.js';
import { loadAgentSettings, type AgentSettings } from './agent-settings.js';
import { loadConfig } from './config.js';
import { AgentError, EXIT, InitError, describeError } from './errors.js';
import type { HealthSnapshot, Phase } from './health-state.js';
import { createLogger, type Logger } from './logger.js';
import { relaunchIfPid1 } from './pid1.js';
import { createPrometheusRegistry } from './prometheus.js';
import { Supervisor } from './supervisor.js';
import { renderDefinitionTemplates } from './service-templates.js';
import { writeRendered } from './templates.js';
import type { EnvConfig, EnvShape, PlatformData, ServiceContext, ServiceDefinition } from './types.js';
import {
  InfluxWriter,
  MetricsPipeline,
  agentSelfCollector,
  containerResourcesCollector,
  diskCollector,
  networkCollector,
  procstatCollector,
} from './metrics/index.js';

/**
 * Entry point of every service: `runAgent(definition)` in its main.ts. The agent
 * owns the process from here on: it reads process.env and ends with process.exit.
 */
export function runAgent<S extends EnvShape, P extends PlatformData>(def: ServiceDefinition<S, P>): void {
  const exit = (code: number): void => process.exit(code);
  const relaunched = relaunchIfPid1((msg) => process.stderr.write(`${JSON.stringify({ level: 'warn', service: def.name, msg })}\n`));
  if (relaunched) {
    void relaunched.then(exit);
    return;
  }
  void new Agent(def, process.env, exit).run();
}

class Agent<S extends EnvShape, P extends PlatformData> {
  private phase: Phase = 'starting';
  private blocker: string | undefined;
  private currentStep: string | undefined;
  private readonly controller = new AbortController();
  private log!: Logger;
  private supervisor: Supervisor | undefined;
  private checks: CheckRunner | undefined;
  private pipeline: MetricsPipeline | undefined;
  private writer: InfluxWriter | undefined;
  private closeServer: (() => Promise<void>) | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly def: ServiceDefinition<S, P>,
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly exit: (code: number) => void,
  ) {}

  async run(): Promise<void> {
    let settings: AgentSettings;
    let config: EnvConfig<S>;
    try {
      settings = loadAgentSettings(this.env);
      config = loadConfig(this.def.env, this.env);
    } catch (err) {
      // Before the logger exists: one JSON line naming the variable, then exit 78.
      const e = err instanceof AgentError ? err : new AgentError('FT_ERR_CONFIG', describeError(err), EXIT.config);
      const line = { level: 'fatal', time: new Date().toISOString(), service: this.def.name, code: e.code, msg: `config error: ${e.message}` };
      process.stdout.write(`${JSON.stringify(line)}\n`);
      this.exit(e.exitCode);
      return;
    }
    this.log = createLogger(this.def.name, settings.AGENT_POD_NAME, settings.AGENT_LOG_LEVEL);
    process.on('SIGTERM', () => void this.shutdown(EXIT.ok, 'SIGTERM'));
    process.on('SIGINT', () => void this.shutdown(EXIT.ok, 'SIGINT'));
    process.on('uncaughtException', (err) => void this.fail(err));
    process.on('unhandledRejection', (err) => void this.fail(err));
    try {
      await this.start(settings, config);
    } catch (err) {
      await this.fail(err);
    }
  }

  private async start(settings: AgentSettings, config: EnvConfig<S>): Promise<void> {
    const { def, log } = this;
    const platformData = def.platforms[settings.AGENT_PLATFORM];
    const supervisor = new Supervisor({
      log,
      stopGraceMs: settings.AGENT_STOP_GRACE_MS,
      onUnexpectedExit: (err) => void this.fail(err),
    });
    this.supervisor = supervisor;
    const ctx: ServiceContext<EnvConfig<S>, P> = {
      service: def.name,
      config,
      agent: settings,
      platform: { ...platformData, name: settings.AGENT_PLATFORM },
      log,
      processes: supervisor,
      signal: this.controller.signal,
      progress: (message) => {
        if (this.phase === 'init' && this.currentStep) this.blocker = `init step ${this.currentStep}: ${message}`;
      },
    };
    const metrics = createPrometheusRegistry({ service: def.name, health: () => this.snapshot(), writer: () => this.writer?.stats() });
    const checks = new CheckRunner(def.checks?.(ctx) ?? [], log, (state) => metrics.observeCheck(state));
    this.checks = checks;

    // The probe port answers from the first moment: alive while init waits on a dependency, not ready.
    const server = createHealthServer(() => this.snapshot(), metrics.registry, log);
    await server.listen({ port: settings.AGENT_PORT, host: settings.AGENT_HOST });
    this.closeServer = () => server.close();
    log.info({ port: settings.AGENT_PORT, platform: settings.AGENT_PLATFORM }, `agent for ${def.name} listening on ${settings.AGENT_PORT}`);

    this.startMetrics(settings, ctx);

    this.phase = 'init';
    const rendered = await renderDefinitionTemplates(def, ctx);
    if (rendered.length > 0) {
      await writeRendered(rendered);
      log.info({ files: rendered.map((f) => f.spec.target) }, `rendered ${rendered.length} config file(s)`);
    }
    for (const step of def.init?.(ctx) ?? []) {
      if (this.controller.signal.aborted) return;
      this.currentStep = step.name;
      this.blocker = `init step ${step.name}`;
      const started = Date.now();
      try {
        await step.run();
      } catch (err) {
        if (err instanceof AgentError) throw err;
        throw new InitError(step.name, describeError(err), { cause: err });
      }
      log.info({ step: step.name, ms: Date.now() - started }, `init step ${step.name} done`);
    }
    this.blocker = undefined;
    this.currentStep = undefined;

    this.phase = 'spawning';
    await supervisor.startAll(def.processes(ctx), this.controller.signal);
    if (this.controller.signal.aborted) return;
    checks.start();
    this.phase = 'running';
    log.info({ processes: supervisor.names() }, `${def.name} running`);
  }

  private startMetrics(settings: AgentSettings, ctx: ServiceContext<EnvConfig<S>, P>): void {
    const { log } = this;
    if (settings.AGENT_INFLUX_URL) {
      this.writer = new InfluxWriter({
        url: settings.AGENT_INFLUX_URL,
        db: settings.AGENT_INFLUX_DB,
        rp: settings.AGENT_INFLUX_RP,
        user: settings.AGENT_INFLUX_USER,
        password: settings.AGENT_INFLUX_PASSWORD,
        batchSize: settings.AGENT_METRICS_BATCH,
        bufferLimit: settings.AGENT_METRICS_BUFFER,
        maxBackoffMs: settings.AGENT_METRICS_MAX_BACKOFF_MS,
        log,
      });
    } else {
      log.info('AGENT_INFLUX_URL is not set: metrics are not pushed');
    }
    const collectors = [
      containerResourcesCollector({ source: settings.AGENT_RESOURCE_SOURCE }),
      networkCollector(),
      diskCollector(this.def.volumes?.(ctx) ?? []),
      procstatCollector(ctx.processes),
      agentSelfCollector(),
      healthCollector(() => this.snapshot()),
      ...(this.def.collectors?.(ctx) ?? []),
    ];
    this.pipeline = new MetricsPipeline({
      collectors,
      intervalMs: settings.AGENT_METRICS_INTERVAL_MS,
      baseTags: { service: this.def.name, pod: settings.AGENT_POD_NAME },
      writer: this.writer,
      log,
    });
    this.pipeline.start();
  }

  private snapshot(): HealthSnapshot {
    return {
      phase: this.phase,
      processes: this.supervisor?.statuses() ?? [],
      checks: this.checks?.snapshot() ?? [],
      blocker: this.blocker,
    };
  }

  private async fail(err: unknown): Promise<void> {
    // A daemon that dies while spawning is reported twice (exit event and readiness wait): once is enough.
    if (this.stopping) return this.stopping;
    const e = err instanceof AgentError ? err : undefined;
    this.log.fatal({ code: e?.code ?? 'FT_ERR_UNEXPECTED' }, describeError(err));
    await this.shutdown(e?.exitCode ?? EXIT.software, 'failure');
  }

  /** Runs once; later calls wait for the first. */
  private shutdown(code: number, why: string): Promise<void> {
    this.stopping ??= this.doShutdown(code, why);
    return this.stopping;
  }

  private async doShutdown(code: number, why: string): Promise<void> {
    this.phase = 'stopping';
    this.log.info({ why, code }, `stopping (${why})`);
    this.controller.abort();
    this.checks?.stop();
    try {
      await this.supervisor?.stopAll();
      await this.pipeline?.stop();
      await this.writer?.stop();
      await this.closeServer?.();
    } catch (err) {
      this.log.error({ err: describeError(err) }, 'error while stopping');
    }
    this.log.info({ code }, `exit ${code}`);
    this.exit(code);
  }
}
