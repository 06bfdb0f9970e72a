/** Metrics: collectors that read the container's figures, a pipeline that runs them, a writer to InfluxDB 1.x. */
export { toLine, toLines } from './line-protocol.js';
export { InfluxWriter, isRetryableStatus, type InfluxWriterOptions, type InfluxWriterStats } from './influx-writer.js';
export { MetricsPipeline, type MetricsPipelineOptions, type PointSink } from './metrics-pipeline.js';
export {
  containerResourcesCollector,
  resolveResourceSource,
  type ContainerResourcesOptions,
  type ResolvedResourceSource,
  type ResourceSource,
} from './container-resources.js';
export { networkCollector, parseNetDev, type InterfaceCounters, type NetworkOptions } from './network.js';
export { diskCollector } from './disk.js';
export { procstatCollector, type ProcstatOptions } from './procstat.js';
export { agentSelfCollector } from './agent-self.js';
export { nginxStatusCollector, parseStubStatus } from './nginx-status.js';
export { phpFpmStatusCollector, parsePhpFpmStatus } from './phpfpm-status.js';
export { fetchStatusPage } from './status-page.js';
