/** Finds processes by their command line, to prove a server left nothing running. */
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
