/** Grafana dashboards as code: the dashboards, their validation, and Grafana's macros for tests. */
export { allDashboards, serviceDashboard } from './dashboards/index.js';
export { DATASOURCE_TYPE, DATASOURCE_UID, type FtDashboard } from './model.js';
export { dashboardProblems } from './validate.js';
export { measurementsOf, measurementsRead, notWrittenBy, queryProblems } from './schema-check.js';
export { allValues, fillMacros, panelQueries } from './macros.js';
export {
  expandGrafanaVars,
  expandProvisioningValue,
  goExpandEnv,
  parseDashboardProvidersFile,
  parseDatasourcesFile,
  type GrafanaExpansionSource,
} from './provisioning.js';
