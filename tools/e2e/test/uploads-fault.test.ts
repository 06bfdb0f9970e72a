/**
 * Issue 13, part 6, on the local stack: a file uploaded to WordPress's media library lives on the
 * uploads volume (the state dir's wordpress-uploads here, the uploads claim in a cluster), so it
 * is still served after kill -9 of php-fpm (the agent exits, the launcher restarts it, as kubelet
 * restarts the container) and after a restart of the service (its agent stopped with SIGTERM, as
 * a pod is, and started again).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { waitUntil } from '@ft/testkit';
import { findDaemon, localLayout, serviceOf } from '@ft/stack';
import { rawRequest, uploadMedia } from '@ft/wordpress/testing';
import { WORDPRESS } from './support/clients.js';
import { readSecrets, userWithRole, type StackSecrets } from './support/secrets.js';
import { agentReadyz, allReady, readStatusFast } from './support/stack.js';

const { stateDir } = inject('stack');
const RECOVERY_MS = 60_000;

let secrets: StackSecrets;
const content = Buffer.from(`uploaded before the faults ${randomBytes(8).toString('hex')}\n`);
let media: { id: number; url: string } | undefined;

/** Sends `signal` to the process `find` picks, then waits until wordpress restarted once more and is ready. */
async function faultAndRecover(signal: NodeJS.Signals, find: (agentPid: number, agentPort: number) => Promise<number>): Promise<void> {
  const before = serviceOf(await allReady(stateDir, RECOVERY_MS), 'wordpress');
  const pid = await find(before.pid as number, before.agentPort);
  process.kill(pid, signal);
  await waitUntil(
    async () => {
      const now = serviceOf(await readStatusFast(stateDir), 'wordpress');
      return now.restarts > before.restarts && now.state === 'ready';
    },
    RECOVERY_MS,
    'wordpress restarted and ready',
    200,
  );
  expect(serviceOf(await readStatusFast(stateDir), 'wordpress').restarts).toBe(before.restarts + 1);
}

/** The upload is served, byte for byte, and still in the media library. */
async function expectServed(): Promise<void> {
  expect(media).toBeDefined();
  const served = await rawRequest(media?.url ?? '', 'GET', {});
  expect(served.status, media?.url).toBe(200);
  expect(served.body).toBe(content.toString());
  const listed = await rawRequest(`${WORDPRESS}/?rest_route=/wp/v2/media/${media?.id ?? 0}`, 'GET', {});
  expect(listed.status).toBe(200);
  expect((JSON.parse(listed.body) as { source_url: string }).source_url).toBe(media?.url);
}

beforeAll(async () => {
  secrets = await readSecrets(stateDir);
  await allReady(stateDir, 120_000);
});

describe('an uploaded file survives faults of wordpress', () => {
  it('is uploaded as the administrator, stored under the state dir and served under /wp-content/uploads/', async () => {
    const admin = userWithRole(secrets, 'administrator');
    media = await uploadMedia(WORDPRESS, admin.login, admin.password, `fault-${randomBytes(3).toString('hex')}.txt`, content);
    const url = new URL(media.url);
    expect(url.pathname).toMatch(/^\/wp-content\/uploads\/\d{4}\/\d{2}\/fault-[0-9a-f]{6}(-\d+)?\.txt$/);
    const onDisk = path.join(localLayout({ stateDir }).dataDirs.wordpressUploads, url.pathname.replace('/wp-content/uploads/', ''));
    expect(await readFile(onDisk)).toEqual(content);
    await expectServed();
  });

  it('is still served after kill -9 of php-fpm', async () => {
    await faultAndRecover('SIGKILL', async (agentPid, agentPort) => {
      const nsPid = (await agentReadyz(agentPort)).processes.find((p) => p.name === 'php-fpm')?.pid ?? undefined;
      return findDaemon(agentPid, { comm: /^php-fpm/, nsPid }).pid;
    });
    await expectServed();
  });

  it('is still served after a restart of the service (its agent stopped and started again)', async () => {
    // The status's pid is the agent's (the daemons' parent): SIGTERM, as kubelet stops a container.
    await faultAndRecover('SIGTERM', async (agentPid) => agentPid);
    await expectServed();
  });
});
