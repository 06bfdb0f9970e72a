/** The machine a run came from, recorded beside its figures. */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cpus: number;
  model: string;
  memGb: number;
  kernel: string;
  node: string;
}

export function describeMachine(): Machine {
  return {
    cpus: os.cpus().length,
    model: cpuModel(),
    memGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

/** One line for the README: "2 × Intel(R) Xeon(R) ..., 7.8 GB, Linux 6.1.0, node v20.19.0". */
export function machineLine(m: Machine): string {
  return `${m.cpus} × ${m.model}, ${m.memGb} GB RAM, ${m.kernel}, node ${m.node}`;
}

/** /proc/cpuinfo's "model name" (os.cpus() reports it too, but not on every virtual machine). */
function cpuModel(): string {
  try {
    const name = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1];
    if (name) return name.trim();
  } catch {
    // not Linux: fall through
  }
  return os.cpus()[0]?.model.trim() ?? 'unknown';
}
