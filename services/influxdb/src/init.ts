/**
 * The influxdb container's init steps, in order: the directories (and distinct role users), then
 * users, database and retention brought to the declared state through a temporary influxd.
 */
import type { InitStep } from '@ft/agent';
import { bootstrapStep } from './bootstrap-step.js';
import type { InfluxdbContext } from './env.js';
import { prepareStep } from './prepare-step.js';

export function influxdbInitSteps(ctx: InfluxdbContext, templateDir: URL): InitStep[] {
  return [prepareStep(ctx), bootstrapStep(ctx, templateDir)];
}
