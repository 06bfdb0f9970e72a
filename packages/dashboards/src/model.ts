/**
 * The dashboard model we emit: Grafana's own TypeScript types from @grafana/schema (the release
 * matching Alpine's Grafana 12.4), narrowed where we always set a field, plus the InfluxQL target
 * that Grafana's InfluxDB datasource reads in raw-query mode.
 */
import type { Dashboard, DataQuery, DataSourceRef, Panel, VariableModel } from '@grafana/schema';

/** The datasource provisioned by services/grafana (conf/provisioning/datasources/influxdb.yaml). */
export const DATASOURCE_UID = 'influxdb';
export const DATASOURCE_TYPE = 'influxdb';
export const DATASOURCE: DataSourceRef = { type: DATASOURCE_TYPE, uid: DATASOURCE_UID };

/** Dashboard JSON schema version of Grafana 12.4 (defaultDashboard.schemaVersion in @grafana/schema 12.4). */
export const SCHEMA_VERSION = 42;

/** A raw InfluxQL query as the InfluxDB datasource stores it (rawQuery: true, query: the text). */
// A type alias (not an interface) so it fits Panel.targets' Record<string, unknown>.
export type InfluxTarget = {
  refId: string;
  datasource: DataSourceRef;
  rawQuery: true;
  query: string;
  resultFormat: 'time_series' | 'table';
  /** Legend; $tag_<name> and $col are the InfluxDB datasource's alias patterns. */
  alias?: string;
};

/** Compile-time proof that our target is also Grafana's DataQuery. */
type InfluxTargetIsDataQuery = InfluxTarget extends DataQuery ? true : never;
const targetIsDataQuery: InfluxTargetIsDataQuery = true;
void targetIsDataQuery;

export interface FtPanel extends Panel {
  id: number;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: DataSourceRef;
  targets?: InfluxTarget[];
}

export interface FtRow extends Panel {
  type: 'row';
  id: number;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  collapsed: boolean;
  panels: [];
  targets?: never;
}

export interface FtDashboard extends Omit<Dashboard, 'panels' | 'templating'> {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Array<FtPanel | FtRow>;
  templating: { list: VariableModel[] };
}
