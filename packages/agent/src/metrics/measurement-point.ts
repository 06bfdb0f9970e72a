/**
 * A MetricPoint typed by the measurement schema (@ft/platform): the measurement must be in it, its
 * fields are the measurement's own with their types, and its own tags are required. Collectors
 * build their points with this, so a field the schema (and so the dashboards) does not know is a
 * compile error in the collector, not a panel that stays empty.
 */
import type { FieldValues, MeasurementName, Measurements, OwnTags } from '@ft/platform';
import type { MetricPoint } from '../types.js';

/** The tags argument: none for a measurement without tags of its own, else every one of them. */
type TagArgs<M extends MeasurementName> = Measurements[M]['tags'] extends readonly [] ? [] : [tags: OwnTags<M>];

export function measurementPoint<M extends MeasurementName>(measurement: M, fields: FieldValues<M>, ...tags: TagArgs<M>): MetricPoint {
  const [own] = tags;
  // FieldValues marks the fields a point may lack as optional (`?: number`); a collector leaves such
  // a field out rather than set it to undefined, and toPoint skips any value that is no number,
  // string or boolean all the same.
  const values = fields as MetricPoint['fields'];
  return own ? { measurement, tags: own, fields: values } : { measurement, fields: values };
}
