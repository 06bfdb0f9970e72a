/**
 * The project's image rules over services/<name>/Dockerfile: one pinned Alpine release
 * (tools/alpine-release, passed by tools/docker-build.sh), tini running the agent, downloads
 * pinned and verified (checksum or signature) in the RUN that fetches them, apk without cache or
 * foreign repositories, nothing secret baked in; what each image does while it builds
 * (dockerfile-build.ts) and its .dockerignore (dockerignore.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execForm, parseDockerfile, type Dockerfile, type Instruction, type Stage } from './dockerfile-parse.js';
import { violation, type RuleId, type Violation } from './errors.js';
import { SERVICE_NAMES } from './platform.js';
import { looksSecret } from './rules/secrets.js';
import { shellCommands, substitute } from './dockerfile-shell.js';
import { checkAddUser, checkApkVersions, checkContextModes, checkGrafana, checkPinSources, checkTarOwner, checkTini } from './dockerfile-build.js';
import { checkDockerignores } from './dockerignore.js';

export { shellCommands, substitute };

const RELEASE_FROM = /^(--platform=\S+\s+)?alpine:(\$\{ALPINE_RELEASE\}|\$ALPINE_RELEASE)(\s+AS\s+\S+)?$/i;
/** Commands that fetch code or data from the network. */
const FETCHERS = new Set(['curl', 'wget']);
const UNCHECKED_FETCHERS: Record<string, RegExp> = {
  git: /^(clone|fetch|pull|submodule)$/,
  npm: /^(install|i|ci|add)$/,
  pip: /^install$/,
  pip3: /^install$/,
  go: /^(install|get)$/,
  gem: /^install$/,
  cargo: /^install$/,
};
const KEY_FILE = /(\.(key|pem|p12|pfx|crt)$|id_rsa|id_ed25519|ssh_host_.*_key|secrets?\.(json|env)$|(^|\/)\.env$)/i;

const VERSIONED = /\d+\.\d+/;
const MOVING = /\/(latest|master|main|nightly|stable|current)(\/|$)|latest\./i;
const CHECK_COMMAND = /\b(sha1|sha256|sha384|sha512)sum\s+(-c|--check)\b/;
const DIGEST = /\b[0-9a-f]{40,128}\b/;
const GPG_VERIFY = /\bgpgv?\b[^;&|]*\s--verify\b|\bgpgv\s/;

/**
 * A GPG signature checked against a pinned key: the 40-hex fingerprint is received by that
 * fingerprint, and the VALIDSIG status line of the verification is required to name it (a
 * keyserver answer or a signature by any other key fails the build).
 */
function gpgVerified(script: string): boolean {
  if (!GPG_VERIFY.test(script)) return false;
  const fingerprints = [...script.matchAll(/--recv-keys?\s+["']?([0-9A-Fa-f]{40})\b/g)].map((m) => m[1] ?? '');
  return fingerprints.some((fpr) => new RegExp(`VALIDSIG\\b[^;&|]*${fpr}`).test(script));
}

export class DockerfileChecker {
  readonly out: Violation[] = [];

  constructor(
    private readonly name: string,
    private readonly file: Dockerfile,
    /** The service the Dockerfile builds (services/<service>/Dockerfile), for its own facts. */
    private readonly service?: string,
  ) {}

  private add(rule: RuleId, message: string): void {
    this.out.push(violation(rule, 'Dockerfile', this.name, message));
  }

  run(): Violation[] {
    this.checkFrom();
    this.checkEntrypoint();
    for (const stage of this.file.stages) {
      const vars = new Map([...this.file.globalArgs, ...stage.args]);
      for (const ins of stage.instructions) this.checkInstruction(ins, vars);
    }
    const final = this.file.stages[this.file.stages.length - 1];
    const findings = [...checkPinSources(this.file), ...checkTarOwner(this.file), ...checkAddUser(this.file)];
    if (final) findings.push(...checkTini(final), ...checkApkVersions(final), ...checkContextModes(final));
    if (final && this.service === 'grafana') findings.push(...checkGrafana(final));
    for (const f of findings) this.add(f.rule, f.message);
    return this.out;
  }

  private checkFrom(): void {
    const { globalArgs, stages } = this.file;
    if (!globalArgs.has('ALPINE_RELEASE')) this.add('DOCKER_FROM', 'no `ARG ALPINE_RELEASE` before the first FROM');
    else if (globalArgs.get('ALPINE_RELEASE') !== undefined) {
      this.add('DOCKER_FROM', `ARG ALPINE_RELEASE has a default (${globalArgs.get('ALPINE_RELEASE') ?? ''}); tools/alpine-release is the one pin`);
    }
    if (stages.length === 0) this.add('DOCKER_FROM', 'no FROM');
    const names = new Set<string>();
    stages.forEach((stage, index) => {
      const base = stage.from.args.replace(/\s+AS\s+\S+\s*$/i, '').trim();
      if (!RELEASE_FROM.test(stage.from.args) && !names.has(base)) {
        this.add('DOCKER_FROM', `line ${stage.from.line}: FROM ${stage.from.args}; want FROM alpine:\${ALPINE_RELEASE}`);
      }
      if (stage.name) names.add(stage.name);
      names.add(String(index));
    });
    for (const stage of stages) {
      for (const ins of stage.instructions) {
        const from = /--from=(\S+)/.exec(ins.args)?.[1];
        if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && from && !names.has(from)) {
          this.add('DOCKER_FROM', `line ${ins.line}: ${ins.keyword} --from=${from} takes files from an image, not a stage of this file`);
        }
      }
    }
  }

  private checkEntrypoint(): void {
    const last: Stage | undefined = this.file.stages[this.file.stages.length - 1];
    if (!last) return;
    const lastOf = (keyword: string) => [...last.instructions].reverse().find((i) => i.keyword === keyword);
    const entrypoint = lastOf('ENTRYPOINT');
    const cmd = lastOf('CMD');
    const ep = entrypoint ? execForm(entrypoint.args) : undefined;
    const command = cmd ? execForm(cmd.args) : undefined;
    if (JSON.stringify(ep) !== JSON.stringify(['/sbin/tini', '--'])) {
      this.add('DOCKER_ENTRYPOINT', `ENTRYPOINT is ${entrypoint?.args ?? 'missing'}; want ["/sbin/tini", "--"]`);
    }
    if (JSON.stringify(command) !== JSON.stringify(['node', '/agent.js'])) {
      this.add('DOCKER_ENTRYPOINT', `CMD is ${cmd?.args ?? 'missing'}; want ["node", "/agent.js"]`);
    }
    if (!last.instructions.some((i) => i.keyword === 'COPY' && /^dist\/agent\.js\s+\/agent\.js$/.test(i.args))) {
      this.add('DOCKER_ENTRYPOINT', 'the final image does not COPY dist/agent.js /agent.js');
    }
    const installed = last.instructions
      .filter((i) => i.keyword === 'RUN')
      .flatMap((i) => shellCommands(i.args))
      .filter((w) => w[0] === 'apk' && w[1] === 'add')
      .flatMap((w) => w.slice(2).map((p) => p.replace(/^['"]|['"]$/g, '').replace(/[~=<>].*$/, '')));
    for (const pkg of ['tini', 'nodejs']) {
      if (!installed.includes(pkg)) this.add('DOCKER_ENTRYPOINT', `the final image does not apk add ${pkg}`);
    }
  }

  private checkInstruction(ins: Instruction, vars: Map<string, string | undefined>): void {
    if (ins.keyword === 'ADD') {
      const url = /https?:\/\/\S+/.exec(ins.args)?.[0];
      if (url && !/--checksum=sha256:[0-9a-f]{64}\b/.test(ins.args)) {
        this.add('DOCKER_DOWNLOAD', `line ${ins.line}: ADD ${url} without --checksum=sha256:...`);
      }
      if (url) this.checkUrl(ins, substitute(url, vars));
    }
    if (ins.keyword === 'ENV' || ins.keyword === 'ARG') {
      for (const m of ins.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S+)/g)) {
        if (m[1] && looksSecret(m[1]) && m[2] !== '""') {
          this.add('DOCKER_SECRET', `line ${ins.line}: ${ins.keyword} ${m[1]} bakes a secret-looking value into the image`);
        }
      }
    }
    if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      const sources = ins.args
        .split(/\s+/)
        .filter((w) => !w.startsWith('--'))
        .slice(0, -1);
      for (const src of sources) {
        if (KEY_FILE.test(src)) this.add('DOCKER_SECRET', `line ${ins.line}: ${ins.keyword} ${src} copies a key or secret file into the image`);
      }
    }
    if (ins.keyword === 'RUN') this.checkRun(ins, vars);
  }

  private checkUrl(ins: Instruction, url: string): void {
    if (/\$\{?[A-Za-z_]/.test(url.replace(/\$\{?(arch|ARCH|TARGETARCH)\}?/g, ''))) {
      this.add('DOCKER_DOWNLOAD', `line ${ins.line}: ${url}: a variable in the URL has no pinned value`);
    } else if (!VERSIONED.test(url) || MOVING.test(url)) {
      this.add('DOCKER_DOWNLOAD', `line ${ins.line}: ${url} names no pinned version`);
    }
  }

  private checkRun(ins: Instruction, vars: Map<string, string | undefined>): void {
    const script = substitute(ins.args, vars);
    const commands = shellCommands(ins.args);
    let downloads = 0;
    for (const words of commands) {
      const [cmd, sub] = words;
      if (!cmd) continue;
      if (FETCHERS.has(cmd)) {
        downloads++;
        const urls = words.join(' ').match(/https?:\/\/[^\s"']+/g) ?? [];
        if (urls.length === 0) this.add('DOCKER_DOWNLOAD', `line ${ins.line}: ${cmd} without a literal URL`);
        for (const url of urls) this.checkUrl(ins, substitute(url, new Map([...vars, ...localAssignments(ins.args, vars)])));
      }
      const unchecked = UNCHECKED_FETCHERS[cmd];
      if (unchecked && sub && unchecked.test(sub)) {
        this.add('DOCKER_DOWNLOAD', `line ${ins.line}: \`${cmd} ${sub}\` fetches code no checksum in the Dockerfile verifies`);
      }
      if (cmd === 'apk' && sub === 'add') this.checkApk(ins, words.slice(2));
    }
    if (downloads > 0 && !(CHECK_COMMAND.test(script) && DIGEST.test(script)) && !gpgVerified(script)) {
      this.add(
        'DOCKER_DOWNLOAD',
        `line ${ins.line}: downloads without verifying, in the same RUN, a pinned checksum (sha256sum -c) or a GPG signature against a pinned fingerprint (--recv-keys <fpr>, VALIDSIG <fpr>)`,
      );
    }
  }

  private checkApk(ins: Instruction, args: string[]): void {
    if (!args.includes('--no-cache')) this.add('DOCKER_APK', `line ${ins.line}: apk add without --no-cache`);
    for (const arg of args) {
      if (arg === '--allow-untrusted' || arg === '-X' || arg.startsWith('--repository') || arg.startsWith('--repositories-file')) {
        this.add('DOCKER_APK', `line ${ins.line}: apk add ${arg}: packages from outside the release's signed repositories`);
      }
      if (/^https?:\/\//.test(arg) || /\.apk['"]?$/.test(arg))
        this.add('DOCKER_APK', `line ${ins.line}: apk add ${arg}: a package file, not a repository package`);
    }
  }
}

/** `name="value"` assignments of a RUN, resolved against the ARGs (first one wins). */
function localAssignments(script: string, vars: Map<string, string | undefined>): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const m of script.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)="([^"]*)"/g)) {
    if (m[1] && !out.has(m[1])) out.set(m[1], substitute(m[2] ?? '', vars));
  }
  return out;
}

export function checkDockerfileText(name: string, text: string): Violation[] {
  const service = /(?:^|\/)services\/([^/]+)\/Dockerfile$/.exec(name)?.[1];
  return new DockerfileChecker(name, parseDockerfile(text), service).run();
}

/** The release pin: tools/alpine-release holds one release; the build script and setup.sh use it. */
export function checkReleasePin(root: string): Violation[] {
  const out: Violation[] = [];
  const pinFile = join(root, 'tools/alpine-release');
  const release = existsSync(pinFile) ? readFileSync(pinFile, 'utf8').trim() : undefined;
  if (release === undefined || !/^\d+\.\d+(\.\d+)?$/.test(release)) {
    out.push(
      violation(
        'DOCKER_RELEASE_PIN',
        'File',
        'tools/alpine-release',
        `holds ${release === undefined ? 'nothing (missing)' : `"${release}"`}; want one release such as 3.24`,
      ),
    );
  }
  const build = join(root, 'tools/docker-build.sh');
  const script = existsSync(build) ? readFileSync(build, 'utf8') : '';
  if (!script.includes('tools/alpine-release') || !/--build-arg\s+"?ALPINE_RELEASE=/.test(script)) {
    out.push(violation('DOCKER_RELEASE_PIN', 'Script', 'tools/docker-build.sh', 'does not pass tools/alpine-release as --build-arg ALPINE_RELEASE'));
  }
  // What builds the images of a deploy: the deploy tool when there is one (setup.sh is then its
  // bootstrap and builds nothing), else setup.sh itself.
  const builder = ['tools/deploy/src/images.ts', 'setup.sh'].find((f) => existsSync(join(root, f)));
  if (builder !== undefined) {
    const text = readFileSync(join(root, builder), 'utf8');
    if (!text.includes('docker-build') && !text.includes('alpine-release')) {
      out.push(
        violation(
          'DOCKER_RELEASE_PIN',
          'Script',
          builder,
          'builds images neither through tools/docker-build.sh (nx docker-build) nor with tools/alpine-release',
        ),
      );
    }
  }
  return out;
}

export function checkDockerfiles(root: string): Violation[] {
  const out: Violation[] = [];
  for (const service of SERVICE_NAMES) {
    const path = join(root, 'services', service, 'Dockerfile');
    const name = `services/${service}/Dockerfile`;
    if (!existsSync(path)) {
      out.push(violation('DOCKER_MISSING', 'Dockerfile', name, 'missing'));
      continue;
    }
    out.push(...checkDockerfileText(name, readFileSync(path, 'utf8')));
  }
  return [...out, ...checkReleasePin(root), ...checkDockerignores(root)];
}
