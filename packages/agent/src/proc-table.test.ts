import { describe, expect, it } from 'vitest';
import { parseRss, parseStat, processTree, readProcEntry, readProcTable, sharedProcTable, type ProcEntry } from './proc-table.js';

describe('proc table', () => {
  it('parses a stat line whose command holds spaces and parentheses', () => {
    const stat = '42 (my (odd) name) S 7 42 42 0 -1 4194560 100 0 0 0 250 50 10 5 20 0 3 0 1234 1000 300 18446744073709551615';
    expect(parseStat(stat)).toEqual({ pid: 42, ppid: 7, state: 'S', utime: 250, stime: 50, ticks: 300, childTicks: 15, threads: 3 });
    expect(parseStat('garbage')).toBeUndefined();
  });

  it('reads VmRSS in bytes, 0 for kernel threads', () => {
    expect(parseRss('Name:\tx\nVmRSS:\t  1234 kB\nThreads:\t1\n')).toBe(1234 * 1024);
    expect(parseRss('Name:\tkthreadd\nThreads:\t1\n')).toBe(0);
  });

  it('reads this process', async () => {
    const me = await readProcEntry(process.pid);
    expect(me?.ppid).toBe(process.ppid);
    expect(me?.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(me?.threads).toBeGreaterThan(1);
    expect(await readProcEntry(2 ** 22 + 7)).toBeUndefined();
    const table = await readProcTable();
    expect(table.get(process.pid)?.pid).toBe(process.pid);
  });

  it('shares one read among callers that ask while it is in flight, then reads afresh', async () => {
    const [a, b] = await Promise.all([sharedProcTable(), sharedProcTable()]);
    expect(a).toBe(b);
    expect(a.get(process.pid)?.pid).toBe(process.pid);
    expect(await sharedProcTable()).not.toBe(a);
  });

  it('walks a tree breadth-first and survives a parent loop', () => {
    const e = (pid: number, ppid: number): ProcEntry => ({ pid, ppid, state: 'S', ticks: 0, utime: 0, stime: 0, childTicks: 0, threads: 1, rssBytes: 0 });
    const table = new Map([e(1, 0), e(10, 1), e(11, 10), e(12, 10), e(13, 11), e(20, 1), e(30, 31), e(31, 30)].map((p) => [p.pid, p]));
    expect(processTree(table, 10).map((p) => p.pid)).toEqual([10, 11, 12, 13]);
    expect(processTree(table, 30).map((p) => p.pid)).toEqual([30, 31]);
    expect(processTree(table, 99)).toEqual([]);
  });
});
