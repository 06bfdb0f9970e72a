/**
 * Child processes: every minikube, kubectl and docker call goes through a Runner, as a program and
 * an argument array (never a shell string). Each call is printed as it would be typed; under
 * --dry-run it is only printed, and the caller gets a placeholder instead of its output.
 */
import { spawn } from 'node:child_process';
import { DeployError, ERROR_CODES } from './errors.js';

export interface Command {
  cmd: string;
  args: readonly string[];
  /** Added to this process's environment (printed as `env K=V` before the command). */
  env?: Readonly<Record<string, string>>;
  /** Written to the command's stdin; never printed (it may be a Secret). */
  input?: string;
  cwd?: string;
}

export interface Output {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** What a dry run hands back as stdout: a `<...>` that says what the real value would be. */
  placeholder?: string;
  /** A non-zero exit is returned, not thrown. */
  allowFailure?: boolean;
  /** A repeated query (polls): printed under --dry-run only. */
  quiet?: boolean;
  /** Lines of its output go to the report as they come (minikube start, docker build). */
  stream?: boolean;
  /** What the command's stdin is, for the printed line (`< file`, `<<EOF`). */
  inputLabel?: string;
  /** The terminal is the command's (stdin, stdout, stderr inherited): nothing is captured. */
  interactive?: boolean;
}

export type Report = (line: string) => void;

/** Single quotes around a word with shell characters, so a printed line can be pasted. */
export function shellWord(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_./:=@%+,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(command: Command, inputLabel?: string): string {
  const env = Object.entries(command.env ?? {}).map(([k, v]) => shellWord(`${k}=${v}`));
  const words = [...(env.length > 0 ? ['env', ...env] : []), command.cmd, ...command.args].map((w, i) => (i < env.length + 1 ? w : shellWord(w)));
  const line = words.join(' ');
  return inputLabel ? `${line} ${inputLabel}` : line;
}

export interface Runner {
  readonly dryRun: boolean;
  /** Where the printed command lines and streamed output go (a task's output line, or stdout). */
  report: Report;
  run(command: Command, options?: RunOptions): Promise<Output>;
}

export class CommandFailed extends DeployError {
  constructor(
    readonly command: Command,
    readonly output: Output,
  ) {
    const said = (output.stderr.trim() || output.stdout.trim()).split('\n').slice(-8).join('\n');
    super(ERROR_CODES.COMMAND_FAILED, `${commandLine(command)} exited ${output.code}${said ? `:\n${said}` : ''}`);
  }
}

/** Runs commands for real, or (dryRun) prints them and returns placeholders. */
export class ProcessRunner implements Runner {
  report: Report;
  constructor(
    readonly dryRun: boolean,
    report: Report,
  ) {
    this.report = report;
  }

  async run(command: Command, options: RunOptions = {}): Promise<Output> {
    if (this.dryRun || !options.quiet) this.report(`+ ${commandLine(command, options.inputLabel)}`);
    if (this.dryRun) return { code: 0, stdout: options.placeholder ?? '', stderr: '' };
    const output = options.interactive ? await spawnInteractive(command) : await spawnCommand(command, options.stream ? this.report : undefined);
    if (output.code !== 0 && !options.allowFailure) throw new CommandFailed(command, output);
    return output;
  }
}

function spawnCommand(command: Command, stream: Report | undefined): Promise<Output> {
  return new Promise((resolve) => {
    const child = spawn(command.cmd, [...command.args], {
      cwd: command.cwd,
      env: { ...process.env, ...command.env },
      stdio: [command.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let partial = '';
    const onData = (chunk: Buffer, into: 'out' | 'err') => {
      const text = chunk.toString();
      if (into === 'out') stdout += text;
      else stderr += text;
      if (!stream) return;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) stream(`  ${line}`);
    };
    child.stdout?.on('data', (d: Buffer) => onData(d, 'out'));
    child.stderr?.on('data', (d: Buffer) => onData(d, 'err'));
    if (command.input !== undefined) child.stdin?.end(command.input);
    child.on('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ENOENT' ? `${command.cmd}: command not found` : error.message;
      resolve({ code: 127, stdout, stderr: why });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

function spawnInteractive(command: Command): Promise<Output> {
  return new Promise((resolve) => {
    const child = spawn(command.cmd, [...command.args], { cwd: command.cwd, env: { ...process.env, ...command.env }, stdio: 'inherit' });
    child.on('error', (error) => resolve({ code: 127, stdout: '', stderr: error.message }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout: '', stderr: '' }));
  });
}
