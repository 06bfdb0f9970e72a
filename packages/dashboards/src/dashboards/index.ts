/** Every dashboard the platform ships: one per service and the overview. */
import type { FtDashboard } from '../model.js';
import { SERVICE_FIGURES } from '../services.js';
import { overviewDashboard } from './overview.js';
import { serviceDashboard } from './service-dashboard.js';

export { serviceDashboard } from './service-dashboard.js';

export function allDashboards(): FtDashboard[] {
  return [overviewDashboard(), ...Object.entries(SERVICE_FIGURES).map(([service, figures]) => serviceDashboard(service, figures))];
}
