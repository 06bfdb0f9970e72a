/** A whole dashboard from sections: the settings every generated dashboard shares. */
import type { VariableModel } from '@grafana/schema';
import { DATASOURCE, SCHEMA_VERSION, type FtDashboard } from './model.js';
import { layout, type Section } from './panels.js';
import { literal, measurementOf, tagOf } from './influxql.js';

/** The $pod variable: the pods of one service that wrote in the range; All is the regex .* */
export function podVariable(service: string): VariableModel {
  return {
    name: 'pod',
    label: 'Pod',
    type: 'query',
    datasource: DATASOURCE,
    query: `SHOW TAG VALUES FROM ${measurementOf('agent')} WITH KEY = ${tagOf('agent', 'pod')} WHERE ${tagOf('agent', 'service')} = ${literal(service)}`,
    refresh: 2,
    includeAll: true,
    allValue: '.*',
    multi: true,
    current: { text: 'All', value: '$__all', selected: true },
    hide: 0,
    sort: 1,
    options: [],
  };
}

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  tags: readonly string[];
  sections: readonly Section[];
  variables?: readonly VariableModel[];
}

export function dashboard(spec: DashboardSpec): FtDashboard {
  return {
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: ['ft_services', ...spec.tags],
    editable: false,
    graphTooltip: 1,
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    refresh: '10s',
    time: { from: 'now-1h', to: 'now' },
    timezone: 'browser',
    fiscalYearStartMonth: 0,
    liveNow: false,
    links: [
      {
        title: 'ft_services',
        type: 'dashboards',
        tags: ['ft_services'],
        asDropdown: true,
        includeVars: false,
        keepTime: true,
        icon: 'external link',
        targetBlank: false,
        tooltip: '',
        url: '',
      },
    ],
    annotations: { list: [] },
    templating: { list: [...(spec.variables ?? [])] },
    panels: layout(spec.sections),
  };
}
