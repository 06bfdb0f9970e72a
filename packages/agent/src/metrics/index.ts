/** Metrics: collectors that read the container's figures, a pipeline that runs them, a writer to InfluxDB 1.x. */
export { InfluxWriter } from './influx-writer.js';
export { MetricsPipeline } from './metrics-pipeline.js';
export { containerResourcesCollector } from './container-resources.js';
export { networkCollector } from './network.js';
export { diskCollector } from './disk.js';
export { procstatCollector } from './procstat.js';
export { agentSelfCollector } from './agent-self.js';
export { nginxStatusCollector } from './nginx-status.js';
export { phpFpmStatusCollector } from './phpfpm-status.js';
