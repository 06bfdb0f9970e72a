/** Finds processes by their command line or PID, to prove a server left nothing running. */
import { readFileSync, readdirSync } from 'node:fs';

/** PIDs whose command line contains `text` (e.g. a server's unique config file path). */
export function processesMatching(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Whether `pid` still exists (signal 0 delivers nothing; it only asks). A zombie still counts. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
