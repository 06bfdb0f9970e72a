/** InfluxDB 1.x for the whole repository: one client, one transport, one InfluxQL quoting. */
export { InfluxClient, type InfluxSeries, type InfluxStatementResult, type QueryOptions, type WriteTarget } from './influx-client.js';
export { createV1Transport, v1Bucket, v1WritePath, type V1Connection, type V1Transport } from './v1-transport.js';
export { ident, literal, quoteInfluxql } from './influxql.js';
export { influxErrorText, partialWriteDropped } from './influx-answer.js';
