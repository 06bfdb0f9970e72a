/**
 * The users, database and retention policy the platform expects, applied idempotently. Run on every
 * start against the bootstrap instance (authentication off):
 * - first start (empty data dir): creates the admin, the write-only and read-only users, the
 *   database and its default retention policy;
 * - later starts: sets the three passwords again (a changed Secret takes effect; an unchanged one
 *   changes nothing a client can see) and otherwise only repairs what differs from the declaration:
 *   a missing user or grant, an admin flag on a role user, a retention duration that no longer
 *   matches INFLUXDB_RETENTION (the variable is the declared state, as the passwords are).
 * Users it did not create are left alone: renaming a role user does not drop the old one.
 */
import { ident, literal, type InfluxClient, type Logger } from '@ft/agent';
import { parseGoDuration, type Retention } from './retention.js';

export interface Credentials {
  user: string;
  password: string;
}

export interface DesiredState {
  db: string;
  retention: Retention;
  admin: Credentials;
  /** WRITE on db only. */
  writer: Credentials;
  /** READ on db only. */
  reader: Credentials;
}

/** The default retention policy's name: InfluxDB's own, so any query naming "autogen" still works. */
const RETENTION_POLICY = 'autogen';

/** What a run did, one short phrase per change, for the log and the tests. */
export type Changes = string[];

export async function applyDesiredState(influx: InfluxClient, want: DesiredState, log: Logger): Promise<Changes> {
  const changes: Changes = [];
  const users = await currentUsers(influx);

  // The admin first: whatever fails later, the operator can get in and look.
  if (!users.has(want.admin.user)) {
    await influx.query(`CREATE USER ${ident(want.admin.user)} WITH PASSWORD ${literal(want.admin.password)} WITH ALL PRIVILEGES`, {
      method: 'POST',
      what: `CREATE USER ${want.admin.user}`,
    });
    changes.push(`created admin ${want.admin.user}`);
  } else {
    await setPassword(influx, want.admin);
    if (users.get(want.admin.user) !== true) {
      await influx.query(`GRANT ALL PRIVILEGES TO ${ident(want.admin.user)}`, { method: 'POST' });
      changes.push(`made ${want.admin.user} admin`);
    }
  }

  const databases = (await influx.rows('SHOW DATABASES')).map((r) => String(r['name']));
  if (!databases.includes(want.db)) {
    const r = want.retention;
    await influx.query(
      `CREATE DATABASE ${ident(want.db)} WITH DURATION ${r.influxql} REPLICATION 1 SHARD DURATION ${r.shardInfluxql} NAME ${ident(RETENTION_POLICY)}`,
      { method: 'POST' },
    );
    changes.push(`created database ${want.db} with retention ${r.influxql}`);
  } else {
    const changed = await alignRetention(influx, want);
    if (changed) changes.push(changed);
  }

  for (const [who, privilege] of [
    [want.writer, 'WRITE'],
    [want.reader, 'READ'],
  ] as const) {
    if (!users.has(who.user)) {
      await influx.query(`CREATE USER ${ident(who.user)} WITH PASSWORD ${literal(who.password)}`, { method: 'POST', what: `CREATE USER ${who.user}` });
      changes.push(`created user ${who.user}`);
    } else {
      await setPassword(influx, who);
      if (users.get(who.user) === true) {
        // A role user must never hold admin rights, whoever granted them.
        await influx.query(`REVOKE ALL PRIVILEGES FROM ${ident(who.user)}`, { method: 'POST' });
        changes.push(`revoked admin from ${who.user}`);
      }
    }
    const grants = await influx.rows(`SHOW GRANTS FOR ${ident(who.user)}`);
    const current = grants.find((g) => g['database'] === want.db)?.['privilege'];
    if (current !== privilege) {
      // GRANT replaces the user's privilege on the database (ALL becomes WRITE, not WRITE+ALL).
      await influx.query(`GRANT ${privilege} ON ${ident(want.db)} TO ${ident(who.user)}`, { method: 'POST' });
      changes.push(`granted ${privilege} on ${want.db} to ${who.user}`);
    }
  }

  log.info({ changes }, changes.length > 0 ? `influxdb state: ${changes.join('; ')}` : 'influxdb state: as declared, passwords re-applied');
  return changes;
}

/** User -> admin flag. The bootstrap runs with authentication on: an empty data dir answers only the statement that makes the first admin. */
async function currentUsers(influx: InfluxClient): Promise<Map<string, boolean>> {
  try {
    return new Map((await influx.rows('SHOW USERS')).map((r) => [String(r['user']), r['admin'] === true]));
  } catch (err) {
    if (/create admin user first/.test((err as Error).message)) return new Map();
    throw err;
  }
}

async function setPassword(influx: InfluxClient, who: Credentials): Promise<void> {
  await influx.query(`SET PASSWORD FOR ${ident(who.user)} = ${literal(who.password)}`, { method: 'POST', what: `SET PASSWORD FOR ${who.user}` });
}

/** The default policy's duration follows INFLUXDB_RETENTION; returns what changed, if anything. */
async function alignRetention(influx: InfluxClient, want: DesiredState): Promise<string | undefined> {
  const policies = await influx.rows(`SHOW RETENTION POLICIES ON ${ident(want.db)}`);
  const current = policies.find((p) => p['default'] === true);
  if (!current) {
    // Someone dropped it: recreate the declared one as the default.
    const r = want.retention;
    await influx.query(
      `CREATE RETENTION POLICY ${ident(RETENTION_POLICY)} ON ${ident(want.db)} DURATION ${r.influxql} REPLICATION 1 SHARD DURATION ${r.shardInfluxql} DEFAULT`,
      { method: 'POST' },
    );
    return `created retention policy ${RETENTION_POLICY} ${r.influxql} on ${want.db}`;
  }
  const name = String(current['name']);
  const durationMs = parseGoDuration(String(current['duration']));
  if (durationMs === want.retention.ms) return undefined;
  const r = want.retention;
  await influx.query(`ALTER RETENTION POLICY ${ident(name)} ON ${ident(want.db)} DURATION ${r.influxql} SHARD DURATION ${r.shardInfluxql}`, { method: 'POST' });
  return `retention of ${want.db}.${name} changed from ${String(current['duration'])} to ${r.influxql}`;
}
