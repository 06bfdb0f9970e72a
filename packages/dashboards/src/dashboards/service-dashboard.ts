/** One service's dashboard: its container (health, resources, processes, checks) and its own figures. */
import { containerSections } from '../container-sections.js';
import { dashboard, podVariable } from '../dashboard.js';
import type { Scope } from '../influxql.js';
import type { FtDashboard } from '../model.js';
import type { ServiceFigures } from '../services.js';

export function serviceDashboard(service: string, figures: readonly ServiceFigures[]): FtDashboard {
  const scope: Scope = { service, podVariable: true };
  return dashboard({
    uid: `ft-${service}`,
    title: `ft_services / ${service}`,
    description: `The ${service} container: health, resources, processes, checks and its own figures.`,
    tags: [service],
    variables: [podVariable(service)],
    sections: [...containerSections(scope), ...figures.map((f) => ({ title: f.title, panels: f.panels(scope) }))],
  });
}
