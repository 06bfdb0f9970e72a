/** Missing or malformed environment: exit 78, one line naming the variable, nothing started. */
import { describe, expect, it } from 'vitest';
import { processesMatching, removeDir } from '@ft/testkit';
import { expectConfigExit } from '@ft/testkit/expect';
import { startInfluxdbService } from './support.js';

const cases: [string, Record<string, string | undefined>, string, RegExp][] = [
  [
    'missing admin password',
    { INFLUXDB_ADMIN_PASSWORD: undefined },
    'INFLUXDB_ADMIN_PASSWORD',
    /INFLUXDB_ADMIN_PASSWORD: is not set; expected a secret of at least 8 characters/,
  ],
  ['missing write password', { INFLUXDB_WRITE_PASSWORD: undefined }, 'INFLUXDB_WRITE_PASSWORD', /INFLUXDB_WRITE_PASSWORD: is not set/],
  [
    'short read password',
    { INFLUXDB_READ_PASSWORD: 'short' },
    'INFLUXDB_READ_PASSWORD',
    /INFLUXDB_READ_PASSWORD: is malformed: expected a secret of at least 8 characters$/,
  ],
  [
    'retention under an hour',
    { INFLUXDB_RETENTION: '30m' },
    'INFLUXDB_RETENTION',
    /INFLUXDB_RETENTION: is malformed: expected a duration of at least 1h .*\(got "30m"\)/,
  ],
  ['retention in words', { INFLUXDB_RETENTION: '14 days' }, 'INFLUXDB_RETENTION', /INFLUXDB_RETENTION: is malformed/],
  ['malformed port', { INFLUXDB_PORT: 'http' }, 'INFLUXDB_PORT', /INFLUXDB_PORT: is malformed: expected a TCP port number/],
  ['malformed RPC port', { STATUS_PORT: '99999' }, 'STATUS_PORT', /STATUS_PORT: is malformed: expected a TCP port number/],
  ['database name with a quote', { INFLUXDB_DB: 'me"trics' }, 'INFLUXDB_DB', /INFLUXDB_DB: is malformed/],
  ['user name with a space', { INFLUXDB_WRITE_USER: 'the agent' }, 'INFLUXDB_WRITE_USER', /INFLUXDB_WRITE_USER: is malformed/],
  ['relative data dir', { INFLUXDB_DATA_DIR: 'var/lib/influxdb' }, 'INFLUXDB_DATA_DIR', /INFLUXDB_DATA_DIR: is malformed: expected an absolute path/],
  ['malformed listen host', { LISTEN_HOST: 'every where' }, 'LISTEN_HOST', /LISTEN_HOST: is malformed: expected a host name or IP address/],
  ['read user same as write user', { INFLUXDB_READ_USER: 'agent' }, 'INFLUXDB_READ_USER', /INFLUXDB_READ_USER: must differ from INFLUXDB_WRITE_USER/],
  ['write user same as admin', { INFLUXDB_WRITE_USER: 'admin' }, 'INFLUXDB_WRITE_USER', /INFLUXDB_WRITE_USER: must differ from INFLUXDB_ADMIN_USER/],
];

describe('influxdb service: bad environment', () => {
  it.each(cases)('%s -> exit 78 naming the variable', async (_name, overrides, variable, message) => {
    const { agent, dataDir } = await startInfluxdbService({ overrides, waitReady: false });
    // Secrets are named, never shown.
    const fatal = await expectConfigExit(agent, { says: message, secret: overrides.INFLUXDB_READ_PASSWORD });
    expect(fatal.msg).toContain(variable);
    // Nothing was started on the data dir.
    expect(processesMatching(agent.runDir)).toEqual([]);
    expect(processesMatching(dataDir)).toEqual([]);
    await removeDir(dataDir);
    await removeDir(agent.runDir);
  });
});
