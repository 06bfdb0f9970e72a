/**
 * What every image must do while it builds, read from its parsed Dockerfile: fail when tini is
 * missing, print and keep the versions apk installed, extract archives as root's files, give the
 * build context's files a fixed mode, create system users in their own group, cite where every
 * pinned checksum or fingerprint is published, and the grafana image's own facts.
 */
import type { Dockerfile, Instruction, Stage } from './dockerfile-parse.js';
import type { RuleId } from './errors.js';
import { shellCommands } from './dockerfile-shell.js';

/** Where each image keeps the versions apk installed at build time (`kubectl exec ... cat` it). */
export const APK_VERSIONS_FILE = '/etc/ft-services/apk-versions.txt';

export interface Finding {
  rule: RuleId;
  message: string;
}

const runs = (stage: Stage): Instruction[] => stage.instructions.filter((i) => i.keyword === 'RUN');
const commandsOf = (ins: Instruction): string[][] => shellCommands(ins.args);
const hasCommand = (ins: Instruction, test: (words: string[]) => boolean): boolean => commandsOf(ins).some(test);
const isApkChange = (w: string[]): boolean => w[0] === 'apk' && (w[1] === 'add' || w[1] === 'del');
const unquote = (word: string): string => word.replace(/^['"]|['"]$/g, '');

/** `test -x /sbin/tini` in a RUN of the final stage, at or after the one that apk-adds tini. */
export function checkTini(final: Stage): Finding[] {
  const list = runs(final);
  const adds = list.findIndex((i) => hasCommand(i, (w) => w[0] === 'apk' && w[1] === 'add' && w.slice(2).some((p) => /^['"]?tini([~=<>]|['"]?$)/.test(p))));
  const tested = list.findIndex((i, n) => n >= adds && hasCommand(i, (w) => w[0] === 'test' && w[1] === '-x' && unquote(w[2] ?? '') === '/sbin/tini'));
  if (adds >= 0 && tested >= 0) return [];
  return [{ rule: 'DOCKER_TINI', message: 'no `test -x /sbin/tini` after the apk add of tini: a missing tini would only show as a pod that never starts' }];
}

/** `apk list --installed` (apk-list(8); or `apk info -v`) through `tee` into APK_VERSIONS_FILE, after the last apk add/del. */
export function checkApkVersions(final: Stage): Finding[] {
  const list = runs(final);
  let last = -1;
  list.forEach((ins, n) => {
    if (hasCommand(ins, isApkChange)) last = n;
  });
  const recorded = list.some(
    (ins, n) =>
      n >= last &&
      hasCommand(
        ins,
        (w) => w[0] === 'apk' && ((w[1] === 'info' && w.includes('-v')) || (w[1] === 'list' && (w.includes('-I') || w.includes('--installed')))),
      ) &&
      hasCommand(ins, (w) => w[0] === 'tee' && w.slice(1).map(unquote).includes(APK_VERSIONS_FILE)),
  );
  return recorded
    ? []
    : [
        {
          rule: 'DOCKER_APK_VERSIONS',
          message: `the final image does not print the installed apk versions into ${APK_VERSIONS_FILE} (\`apk list --installed | sort | tee ${APK_VERSIONS_FILE}\` after its last apk add)`,
        },
      ];
}

/** GNU and busybox tar: -x (alone or in a cluster such as -xzf), x as the first bare word, or --extract. */
function extracts(words: string[]): boolean {
  if (words[0] !== 'tar') return false;
  const flags = words.slice(1);
  return flags.some((w) => w === '--extract' || w === '--get' || /^-[A-Za-z]*x/.test(w)) || /^[a-wyz]*x[a-z]*$/.test(flags[0] ?? '');
}

export function checkTarOwner(file: Dockerfile): Finding[] {
  const out: Finding[] = [];
  for (const stage of file.stages) {
    for (const ins of runs(stage)) {
      for (const words of commandsOf(ins)) {
        if (extracts(words) && !words.includes('--no-same-owner')) {
          out.push({
            rule: 'DOCKER_TAR_OWNER',
            message: `line ${ins.line}: \`${words.slice(0, 3).join(' ')} ...\` runs as root without --no-same-owner: the files keep the archive's uids`,
          });
        }
      }
    }
  }
  return out;
}

const SHADOW_EXIT_9 = /\$\?\s*(-eq|==?)\s*9\b|\bcase\s+"?\$\?"?\s+in[\s\S]*?\b9\)/;
const TOLERATED = /\badduser\b[^;&|]*\|\|\s*(true|:)(\s|;|$)/;

export function checkAddUser(file: Dockerfile): Finding[] {
  const out: Finding[] = [];
  for (const stage of file.stages) {
    for (const ins of runs(stage)) {
      for (const words of commandsOf(ins)) {
        if (words[0] !== 'adduser') continue;
        const system = words.includes('-S') || words.includes('--system');
        const group = words.includes('-G') || words.includes('--ingroup');
        if (system && !group) {
          out.push({
            rule: 'DOCKER_ADDUSER',
            message: `line ${ins.line}: busybox \`adduser -S\` without -G puts ${(words[words.length - 1] ?? 'the user').replace(/[()]/g, '')} in nogroup; a later chown user:user fails`,
          });
        }
      }
      if (/\b(adduser|useradd)\b/.test(ins.args) && SHADOW_EXIT_9.test(ins.args)) {
        out.push({
          rule: 'DOCKER_ADDUSER',
          message: `line ${ins.line}: reads exit status 9 (shadow's useradd "user exists"); busybox adduser exits 1: guard with \`id -u <user>\` first`,
        });
      }
      if (TOLERATED.test(ins.args)) {
        out.push({ rule: 'DOCKER_ADDUSER', message: `line ${ins.line}: an adduser whose every failure is ignored; guard with \`id -u <user>\` first` });
      }
    }
  }
  return out;
}

/** A chmod mode that gives the same result whatever the file had: octal, or `=` for u, g and o, with read for others. */
function fixedMode(mode: string, recursive: boolean): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) return !recursive && Number.parseInt(mode.slice(-1), 8) >= 4;
  const assigned = new Map<string, string>();
  for (const clause of mode.split(',')) {
    const m = /^([ugoa]*)=([rwxX]*)$/.exec(clause);
    if (!m) continue;
    const who = m[1] === '' || m[1] === 'a' ? 'ugo' : (m[1] ?? '');
    for (const c of who) assigned.set(c, m[2] ?? '');
  }
  return ['u', 'g', 'o'].every((c) => assigned.has(c)) && (assigned.get('o') ?? '').includes('r');
}

/** Every COPY from the build context into the final image, then a chmod with a fixed mode on its destination. */
export function checkContextModes(final: Stage): Finding[] {
  const out: Finding[] = [];
  final.instructions.forEach((ins, n) => {
    if (ins.keyword !== 'COPY' || /--from=/.test(ins.args)) return;
    const words = ins.args.split(/\s+/).filter((w) => !w.startsWith('--'));
    const dest = words[words.length - 1] ?? '';
    const later = final.instructions.slice(n + 1).filter((i) => i.keyword === 'RUN');
    const fixed = later.some((run) =>
      commandsOf(run).some((w) => {
        if (w[0] !== 'chmod') return false;
        const args = w.slice(1);
        const recursive = args.includes('-R');
        const rest = args.filter((a) => !a.startsWith('-'));
        return fixedMode(rest[0] ?? '', recursive) && rest.slice(1).map(unquote).includes(dest);
      }),
    );
    if (!fixed) {
      out.push({
        rule: 'DOCKER_CONTEXT_MODE',
        message: `line ${ins.line}: COPY ... ${dest} keeps the modes of the build machine's checkout (its umask); fix them with \`chmod -R u=rwX,go=rX ${dest}\` in a later RUN`,
      });
    }
  });
  return out;
}

const HEX_PIN = /^["']?[0-9a-fA-F]{40,128}["']?$/;
const CITED = /https?:\/\/\S+/;

/**
 * A checksum or fingerprint (40 to 128 hex digits) in an ARG or ENV, or written into a RUN, has a
 * comment with the address that publishes it: right above it, or above the group of ARG/ENV lines
 * it belongs to.
 */
export function checkPinSources(file: Dockerfile): Finding[] {
  const out: Finding[] = [];
  for (const stage of file.stages) {
    let group: string[] = [];
    let previous: string | undefined;
    for (const ins of stage.instructions) {
      const declares = ins.keyword === 'ARG' || ins.keyword === 'ENV';
      if (!declares || (previous !== 'ARG' && previous !== 'ENV')) group = [];
      group = [...group, ...ins.comments];
      previous = ins.keyword;
      const cited = CITED.test(ins.comments.join('\n')) || (declares && CITED.test(group.join('\n')));
      if (cited) continue;
      if (declares) {
        for (const m of ins.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=(\S+)/g)) {
          if (HEX_PIN.test(m[2] ?? ''))
            out.push({
              rule: 'DOCKER_PIN_SOURCE',
              message: `line ${ins.line}: ${ins.keyword} ${m[1] ?? ''} pins a checksum or fingerprint with no comment saying where it is published (an https:// address)`,
            });
        }
      } else if (ins.keyword === 'RUN' && /(^|[^0-9a-fA-F])[0-9a-fA-F]{40,128}([^0-9a-fA-F]|$)/.test(ins.args)) {
        out.push({
          rule: 'DOCKER_PIN_SOURCE',
          message: `line ${ins.line}: RUN writes a checksum or fingerprint with no comment saying where it is published (an https:// address)`,
        });
      }
    }
  }
  return out;
}

/** The major version below which an apk constraint keeps the package (`~12` and `<13` keep it below 13). */
export function apkMajorBound(constraint: string): number | undefined {
  const m = /^(~|<=|<|=)(\d+)(?:\.(\d+))?/.exec(constraint);
  if (!m) return undefined;
  const major = Number(m[2]);
  if (m[1] === '<') return m[3] === undefined || Number(m[3]) === 0 ? major : major + 1;
  return major + 1;
}

/** Grafana 13 moved InfluxDB out of core; the image also needs the web UI the frontend package ships. */
export function checkGrafana(final: Stage): Finding[] {
  const out: Finding[] = [];
  const packages = runs(final)
    .flatMap(commandsOf)
    .filter((w) => w[0] === 'apk' && w[1] === 'add')
    .flatMap((w) => w.slice(2).map(unquote))
    .filter((p) => /^grafana([~=<>]|$)/.test(p));
  const bound = packages.map((p) => apkMajorBound(p.slice('grafana'.length))).find((b) => b !== undefined);
  if (packages.length === 0 || bound === undefined || bound > 13) {
    out.push({
      rule: 'DOCKER_GRAFANA',
      message: `apk add ${packages[0] ?? 'grafana'} does not keep Grafana below 13, where InfluxDB is no longer a core datasource (pin grafana~12)`,
    });
  }
  if (
    !runs(final).some((i) => hasCommand(i, (w) => w[0] === 'test' && w[1] === '-d' && /\/usr\/share\/grafana\/public\/build\/?$/.test(unquote(w[2] ?? ''))))
  ) {
    out.push({ rule: 'DOCKER_GRAFANA', message: 'no `test -d /usr/share/grafana/public/build`: an image without the web UI would build' });
  }
  return out;
}
