/** Grafana dashboards as code: the dashboards, their validation, and Grafana's macros for tests. */
export { allDashboards, overviewDashboard, serviceDashboard } from './dashboards/index.js';
export { SERVICE_FIGURES, SERVICES, type ServiceFigures } from './services.js';
export { DATASOURCE, DATASOURCE_TYPE, DATASOURCE_UID, SCHEMA_VERSION, type FtDashboard, type FtPanel, type InfluxTarget } from './model.js';
export { dashboardProblems, dashboardSchema, CORE_PANEL_TYPES } from './validate.js';
export { allValues, escapeRegex, fillMacros, influxDuration, panelQueries, type MacroContext, type PanelQuery } from './macros.js';
export {
  dashboardProvidersFileSchema,
  datasourcesFileSchema,
  expandProvisioningEnv,
  parseDashboardProvidersFile,
  parseDatasourcesFile,
  type DashboardProvidersFile,
  type DatasourcesFile,
} from './provisioning.js';
export { writeDashboards } from './generate.js';
