export { httpCheck, MAX_BODY_BYTES, type HttpCheckOptions } from './http-check.js';
export { tcpCheck, type TcpCheckOptions } from './tcp-check.js';
export { mysqlCheck, type MysqlCheckOptions } from './mysql-check.js';
export { ftpsCheck, type FtpsCheckOptions } from './ftps-check.js';
export { sshCheck, type SshCheckOptions } from './ssh-check.js';
export { processAliveCheck } from './process-check.js';
export { influxdbCheck, type InfluxdbCheckOptions } from './influxdb-check.js';
