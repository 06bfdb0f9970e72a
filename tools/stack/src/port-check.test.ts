import net from 'node:net';
import { freePort } from '@ft/testkit';
import { describe, expect, it } from 'vitest';
import { describePortProblems, findPortProblems } from './port-check.js';

describe('findPortProblems', () => {
  it('names a taken port and, when ss can tell, the process holding it', async () => {
    const port = await freePort();
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(port, '0.0.0.0', resolve));
    try {
      // 0.0.0.0 covers every address: what Debian's own nginx on :80 would do to the stack.
      const problems = await findPortProblems([{ host: '127.0.0.1', port, what: 'test listener' }]);
      expect(problems).toHaveLength(1);
      const text = describePortProblems(problems);
      expect(text).toContain(`127.0.0.1:${port} (test listener): already in use`);
      expect(text).toMatch(new RegExp(`node \\(pid ${process.pid}\\) on 0\\.0\\.0\\.0:${port}`));
    } finally {
      server.close();
    }
  });

  it('passes free ports and names an address the host does not have', async () => {
    const port = await freePort();
    expect(await findPortProblems([{ host: '127.0.0.1', port, what: 'free' }])).toEqual([]);
    const [bad] = await findPortProblems([{ host: '192.0.2.77', port, what: 'elsewhere' }]);
    expect(bad?.reason).toContain('not an address of this host');
  });
});
