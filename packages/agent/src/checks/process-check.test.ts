import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '@ft/testkit';
import { CheckFailedError } from '../errors.js';
import type { ProcessView } from '../types.js';
import { processAliveCheck } from './process-check.js';
import { runProbe } from '../../test/check-support.js';

/** A ProcessView over a fixed name -> pid table, as the supervisor would expose it. */
function view(pids: Record<string, number | undefined>): ProcessView {
  return { pid: (name) => pids[name], names: () => Object.keys(pids) };
}

function state(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 1).trim()[0];
  } catch {
    return undefined;
  }
}

describe('processAliveCheck', () => {
  const children: ChildProcess[] = [];
  const start = (command: string, args: string[]): ChildProcess => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(child);
    return child;
  };

  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    }
  });

  it('passes for a running process and reports its pid', async () => {
    const child = start('sleep', ['30']);
    const pid = child.pid!;
    await expect(runProbe(processAliveCheck(view({ daemon: pid }), 'daemon'))).resolves.toMatch(new RegExp(`^pid ${pid} state [RS]`));
  });

  it('fails when the supervisor has no pid for the name', async () => {
    const probe = processAliveCheck(view({ daemon: undefined }), 'daemon');
    await expect(runProbe(probe)).rejects.toThrow('process daemon: not running');
    await expect(runProbe(probe)).rejects.toBeInstanceOf(CheckFailedError);
  });

  it('fails for a process that has exited', async () => {
    const child = start('true', []);
    const pid = child.pid!;
    await once(child, 'exit');
    await expect(runProbe(processAliveCheck(view({ daemon: pid }), 'daemon'))).rejects.toThrow(`pid ${pid} has exited`);
  });

  it('fails for a zombie', async () => {
    // sh starts a short child, prints its pid and execs into sleep, which never reaps it.
    const parent = start('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 30']);
    const [line] = (await once(parent.stdout!, 'data')) as [Buffer];
    const zombie = Number(line.toString().trim());
    await waitUntil(() => state(zombie) === 'Z', 5_000, `pid ${zombie} to become a zombie`);
    await expect(runProbe(processAliveCheck(view({ daemon: zombie }), 'daemon'))).rejects.toThrow(`process daemon: pid ${zombie} is a zombie`);
  });

  it('rejects with the reason of an aborted signal', async () => {
    const child = start('sleep', ['30']);
    const controller = new AbortController();
    const reason = new Error('stopping');
    controller.abort(reason);
    await expect(processAliveCheck(view({ daemon: child.pid }), 'daemon')({ signal: controller.signal })).rejects.toBe(reason);
  });
});
