// The image rules, each proven able to fail on a broken copy of a valid Dockerfile.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, rules } from '../test/support.js';
import { checkDockerfiles, checkDockerfileText, checkReleasePin, shellCommands, substitute } from './dockerfiles.js';
import { apkMajorBound } from './dockerfile-build.js';
import { checkContext, contextSources } from './dockerignore.js';
import { RULES, type RuleId } from './errors.js';
import { SERVICE_NAMES } from './platform.js';

const VALID = readFileSync(new URL('../test/fixtures/Dockerfile.valid', import.meta.url), 'utf8');
const GPG = readFileSync(new URL('../test/fixtures/Dockerfile.gpg', import.meta.url), 'utf8');
const repoFile = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');

/** `text` with `from` replaced by `to`; `from` must occur, or the case would test nothing. */
function replaced(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture lacks ${JSON.stringify(from)}`);
  return text.replace(from, to);
}
const broken = (from: string, to: string): string => replaced(VALID, from, to);

const cases: Array<{ rule: RuleId; what: string; text: () => string }> = [
  { rule: 'DOCKER_FROM', what: 'alpine:latest', text: () => broken('FROM alpine:${ALPINE_RELEASE}\nRUN', 'FROM alpine:latest\nRUN') },
  { rule: 'DOCKER_FROM', what: 'another image', text: () => broken('FROM alpine:${ALPINE_RELEASE} AS fetch', 'FROM debian:12 AS fetch') },
  { rule: 'DOCKER_FROM', what: 'a default release in the ARG', text: () => broken('ARG ALPINE_RELEASE\n', 'ARG ALPINE_RELEASE=3.20\n') },
  { rule: 'DOCKER_FROM', what: 'no ARG ALPINE_RELEASE', text: () => broken('ARG ALPINE_RELEASE\n', '') },
  { rule: 'DOCKER_FROM', what: 'COPY --from an image', text: () => broken('COPY --from=fetch', 'COPY --from=busybox:1.36') },
  { rule: 'DOCKER_ENTRYPOINT', what: 'node as PID 1', text: () => broken('ENTRYPOINT ["/sbin/tini", "--"]', 'ENTRYPOINT ["node"]') },
  { rule: 'DOCKER_ENTRYPOINT', what: 'CMD in shell form', text: () => broken('CMD ["node", "/agent.js"]', 'CMD node /agent.js') },
  { rule: 'DOCKER_ENTRYPOINT', what: 'tini not installed', text: () => broken('tini~0.19 ', '') },
  { rule: 'DOCKER_ENTRYPOINT', what: 'no agent bundle', text: () => broken('COPY dist/agent.js /agent.js\n', '') },
  {
    rule: 'DOCKER_DOWNLOAD',
    what: 'no checksum verified',
    text: () => broken('echo "${DEMO_SHA256}  /tmp/demo.tar.gz" | sha256sum -c -;', 'true;'),
  },
  {
    rule: 'DOCKER_DOWNLOAD',
    what: 'a checksum verified but never pinned',
    text: () => broken('ARG DEMO_SHA256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'ARG DEMO_SHA256'),
  },
  {
    rule: 'DOCKER_DOWNLOAD',
    what: 'a moving URL',
    text: () => broken('https://example.org/demo/${DEMO_VERSION}/demo-${DEMO_VERSION}.tar.gz', 'https://example.org/demo/latest/demo.tar.gz'),
  },
  { rule: 'DOCKER_DOWNLOAD', what: 'an unpinned version', text: () => broken('ARG DEMO_VERSION=1.2.3', 'ARG DEMO_VERSION') },
  {
    rule: 'DOCKER_DOWNLOAD',
    what: 'wget piped to a shell',
    text: () => broken('RUN install -d /run/ft', 'RUN wget -qO- https://example.org/install.sh | sh && install -d /run/ft'),
  },
  {
    rule: 'DOCKER_DOWNLOAD',
    what: 'git clone',
    text: () => broken('RUN install -d /run/ft', 'RUN git clone https://example.org/x.git /x && install -d /run/ft'),
  },
  { rule: 'DOCKER_DOWNLOAD', what: 'ADD of a URL', text: () => broken('COPY conf /conf', 'ADD https://example.org/demo-1.2.3.tar.gz /tmp/\nCOPY conf /conf') },
  { rule: 'DOCKER_APK', what: 'apk add with a cache', text: () => broken('apk add --no-cache nodejs', 'apk add nodejs') },
  { rule: 'DOCKER_APK', what: 'an untrusted package', text: () => broken('apk add --no-cache nodejs', 'apk add --no-cache --allow-untrusted nodejs') },
  {
    rule: 'DOCKER_APK',
    what: 'the edge repository',
    text: () => broken('apk add --no-cache nodejs', 'apk add --no-cache -X https://dl-cdn.alpinelinux.org/alpine/edge/community nodejs'),
  },
  {
    rule: 'DOCKER_SECRET',
    what: 'a password in ENV',
    text: () => broken('ENV AGENT_PLATFORM=alpine', 'ENV AGENT_PLATFORM=alpine MYSQL_ROOT_PASSWORD=hunter2'),
  },
  { rule: 'DOCKER_SECRET', what: 'a key file copied in', text: () => broken('COPY conf /conf', 'COPY conf /conf\nCOPY tls/tls.key /etc/tls.key') },
  {
    rule: 'DOCKER_DOWNLOAD',
    what: 'a GPG signature verified by whatever key the keyserver sent (no VALIDSIG check)',
    text: () => replaced(GPG, '    grep -q -E "^\\[GNUPG:\\] VALIDSIG .* ${DEMO_SIGNER_FINGERPRINT}\\$" /tmp/status; \\\n', ''),
  },
  {
    rule: 'DOCKER_DOWNLOAD',
    what: 'a GPG key fingerprint never pinned',
    text: () => replaced(GPG, 'ARG DEMO_SIGNER_FINGERPRINT=0123456789ABCDEF0123456789ABCDEF01234567', 'ARG DEMO_SIGNER_FINGERPRINT'),
  },
  {
    rule: 'DOCKER_DOWNLOAD',
    what: 'a signature never verified',
    text: () => replaced(GPG, '--status-file /tmp/status --verify', '--status-file /tmp/status --list-packets'),
  },
  {
    rule: 'DOCKER_PIN_SOURCE',
    what: 'a checksum with no published source',
    text: () => broken('# Published at https://example.org/demo/1.2.3/demo-1.2.3.tar.gz.sha256\n', ''),
  },
  {
    rule: 'DOCKER_PIN_SOURCE',
    what: 'a key fingerprint with no published source',
    text: () => replaced(GPG, '# Key and version as published at https://example.org/demo/KEYS\n', ''),
  },
  {
    rule: 'DOCKER_PIN_SOURCE',
    what: 'a checksum written into a RUN',
    text: () => broken('echo "${DEMO_SHA256}  /tmp/demo.tar.gz"', 'echo "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef  /tmp/demo.tar.gz"'),
  },
  { rule: 'DOCKER_TINI', what: 'no test -x /sbin/tini', text: () => broken('    test -x /sbin/tini; \\\n', '') },
  {
    rule: 'DOCKER_TINI',
    what: 'tini tested before it is installed',
    text: () =>
      broken('FROM alpine:${ALPINE_RELEASE}\nRUN set -eux;', 'FROM alpine:${ALPINE_RELEASE}\nRUN test -x /sbin/tini\nRUN set -eux;').replace(
        '    test -x /sbin/tini; \\\n',
        '',
      ),
  },
  {
    rule: 'DOCKER_APK_VERSIONS',
    what: 'installed versions not recorded',
    text: () => broken('    apk list --installed | sort | tee /etc/ft-services/apk-versions.txt', '    true'),
  },
  {
    rule: 'DOCKER_APK_VERSIONS',
    what: 'recorded but not printed',
    text: () => broken('apk list --installed | sort | tee /etc/ft-services/apk-versions.txt', 'apk list --installed > /etc/ft-services/apk-versions.txt'),
  },
  {
    rule: 'DOCKER_APK_VERSIONS',
    what: 'a package added after the record',
    text: () => broken('RUN install -d /run/ft', 'RUN apk add --no-cache curl && install -d /run/ft'),
  },
  { rule: 'DOCKER_TAR_OWNER', what: "tar keeps the archive's owners", text: () => broken(' --no-same-owner', '') },
  {
    rule: 'DOCKER_TAR_OWNER',
    what: 'old-style tar xzf',
    text: () => broken('tar -xzf /tmp/demo.tar.gz -C /out --no-same-owner', 'tar xzf /tmp/demo.tar.gz -C /out'),
  },
  { rule: 'DOCKER_ADDUSER', what: 'a system user without its group (nogroup)', text: () => broken('adduser -S -D -H -G demo demo', 'adduser -S -D -H demo') },
  {
    rule: 'DOCKER_ADDUSER',
    what: "shadow's exit status 9 read as 'user exists'",
    text: () => broken('adduser -S -D -H -G demo demo', '{ adduser -S -D -H -G demo demo || [ $? -eq 9 ]; }'),
  },
  {
    rule: 'DOCKER_ADDUSER',
    what: 'every adduser failure ignored',
    text: () => broken('adduser -S -D -H -G demo demo', 'adduser -S -D -H -G demo demo || true'),
  },
  { rule: 'DOCKER_CONTEXT_MODE', what: 'context files keep the umask', text: () => broken('RUN chmod -R u=rwX,go=rX /agent.js /conf\n', '') },
  { rule: 'DOCKER_CONTEXT_MODE', what: 'a mode that adds bits but keeps the rest (a+rX)', text: () => broken('chmod -R u=rwX,go=rX', 'chmod -R a+rX') },
  {
    rule: 'DOCKER_CONTEXT_MODE',
    what: 'one copied path left out',
    text: () => broken('chmod -R u=rwX,go=rX /agent.js /conf', 'chmod -R u=rwX,go=rX /agent.js'),
  },
];

describe('Dockerfile rules', () => {
  it('pass on the valid fixture', () => {
    expect(checkDockerfileText('fixture', VALID)).toEqual([]);
  });

  it('have a breaking case for every Dockerfile rule', () => {
    // DOCKER_GRAFANA and DOCKER_IGNORE break the real grafana Dockerfile and service folders (below).
    const covered = new Set<string>([...cases.map((c) => c.rule), 'DOCKER_MISSING', 'DOCKER_RELEASE_PIN', 'DOCKER_GRAFANA', 'DOCKER_IGNORE']);
    expect(Object.keys(RULES).filter((r) => r.startsWith('DOCKER_') && !covered.has(r))).toEqual([]);
  });

  it.each(cases)('$rule: $what', ({ rule, text }) => {
    const violations = checkDockerfileText('services/demo/Dockerfile', text());
    expect(rules(violations)).toContain(rule);
    expect(violations.every((v) => v.kind === 'Dockerfile' && v.name === 'services/demo/Dockerfile')).toBe(true);
  });

  it('pass on a download verified by its GPG signature against a pinned fingerprint', () => {
    expect(checkDockerfileText('fixture', GPG)).toEqual([]);
  });

  it('read the upper bound of an apk version constraint', () => {
    expect(['~12', '~12.4', '<13', '<13.0', '<=12.9', '=12.4.1-r0', '~13', '<13.1', '>=12', ''].map(apkMajorBound)).toEqual([
      13,
      13,
      13,
      13,
      13,
      13,
      14,
      14,
      undefined,
      undefined,
    ]);
  });

  it('reads shell commands and substitutes ARGs as the builder would', () => {
    expect(shellCommands('set -eux; apk add --no-cache curl tar && x=1 curl -fsSL https://a/b')).toEqual([
      ['set', '-eux'],
      ['apk', 'add', '--no-cache', 'curl', 'tar'],
      ['curl', '-fsSL', 'https://a/b'],
    ]);
    expect(substitute('v${V}/f-$V', new Map([['V', '1.2']]))).toBe('v1.2/f-1.2');
  });
});

describe("the project's Dockerfiles, broken where each fix was made", () => {
  const GRAFANA = 'services/grafana/Dockerfile';
  const INFLUXDB = 'services/influxdb/Dockerfile';
  const check = (name: string, text: string): string[] => rules(checkDockerfileText(name, text));

  it('grafana and influxdb pass as they are', () => {
    expect(checkDockerfileText(GRAFANA, repoFile(GRAFANA))).toEqual([]);
    expect(checkDockerfileText(INFLUXDB, repoFile(INFLUXDB))).toEqual([]);
  });

  it('DOCKER_GRAFANA: Grafana 13 (InfluxDB out of core) or no upper bound', () => {
    expect(check(GRAFANA, replaced(repoFile(GRAFANA), "'grafana~12'", "'grafana~13'"))).toEqual(['DOCKER_GRAFANA']);
    expect(check(GRAFANA, replaced(repoFile(GRAFANA), "'grafana~12'", 'grafana'))).toEqual(['DOCKER_GRAFANA']);
  });

  it('DOCKER_GRAFANA: no check of the web UI (public/build)', () => {
    expect(check(GRAFANA, replaced(repoFile(GRAFANA), '    test -d /usr/share/grafana/public/build; \\\n', ''))).toEqual(['DOCKER_GRAFANA']);
  });

  it('DOCKER_ADDUSER: the fallback adduser without -G', () => {
    expect(check(GRAFANA, replaced(repoFile(GRAFANA), 'adduser -S -D -H -G grafana', 'adduser -S -D -H'))).toEqual(['DOCKER_ADDUSER']);
  });

  it("DOCKER_CONTEXT_MODE: the provisioned dashboards left with the checkout's modes", () => {
    expect(
      check(GRAFANA, replaced(repoFile(GRAFANA), 'RUN chmod -R u=rwX,go=rX /agent.js /dashboards /conf', 'RUN chmod -R u=rwX,go=rX /agent.js /conf')),
    ).toEqual(['DOCKER_CONTEXT_MODE']);
  });

  it("DOCKER_DOWNLOAD: influxdb's signature not tied to InfluxData's fingerprint", () => {
    const text = repoFile(INFLUXDB);
    const validsig = /^ *grep -q -E "\^\\\[GNUPG:\\\] VALIDSIG[^\n]*\n/m.exec(text)?.[0];
    expect(validsig).toBeDefined();
    expect(check(INFLUXDB, text.replace(validsig ?? '', ''))).toEqual(['DOCKER_DOWNLOAD']);
  });

  it("DOCKER_PIN_SOURCE: influxdb's fingerprint without the address that publishes it", () => {
    const text = repoFile(INFLUXDB).replace(/^# Version, download URL pattern[\s\S]*?\n(?=ARG INFLUXDB_VERSION)/m, '');
    expect(text).not.toContain('influxdata-docker/blob');
    expect(check(INFLUXDB, text)).toEqual(['DOCKER_PIN_SOURCE']);
  });

  it.each(SERVICE_NAMES)('DOCKER_TINI and DOCKER_APK_VERSIONS: services/%s/Dockerfile without them', (service) => {
    const name = `services/${service}/Dockerfile`;
    const text = repoFile(name);
    expect(check(name, replaced(text, 'test -x /sbin/tini;', 'true;'))).toEqual(['DOCKER_TINI']);
    expect(check(name, replaced(text, 'apk list --installed | sort | tee /etc/ft-services/apk-versions.txt;', 'true;'))).toEqual(['DOCKER_APK_VERSIONS']);
  });
});

describe('.dockerignore', () => {
  const SOURCES = ['dist/agent.js', 'conf'];
  const FILES = ['conf/a.conf', 'conf/alpine/pam', 'src/main.ts', 'test/x.test.ts', 'package.json', 'README.md', 'Dockerfile', '.dockerignore'];
  const ruleOf = (patterns: string[], sources = SOURCES): string[] => checkContext('services/demo/Dockerfile', sources, patterns, FILES).map((v) => v.message);

  it('reads the COPY sources from the build context, not those from a stage', () => {
    expect(contextSources(repoFile('services/ftps/Dockerfile')).sort()).toEqual(['conf', 'conf/alpine/pam.d-vsftpd', 'dist/agent.js']);
    expect(contextSources(repoFile('services/wordpress/Dockerfile')).sort()).toEqual(['conf', 'dist/agent.js']);
  });

  it('passes "everything out, then what is copied back in"', () => {
    expect(ruleOf(['*', '!dist/agent.js', '!conf'])).toEqual([]);
  });

  it('fails when a COPY source is left out', () => {
    expect(ruleOf(['*', '!dist/agent.js'])).toEqual([
      'the Dockerfile copies conf, but .dockerignore leaves out conf/a.conf',
      'the Dockerfile copies conf, but .dockerignore leaves out conf/alpine/pam',
    ]);
    expect(ruleOf(['*', '!conf'])).toEqual(['the Dockerfile copies dist/agent.js, but .dockerignore leaves out dist/agent.js']);
  });

  it('fails when more than the COPY sources is sent', () => {
    expect(ruleOf(['node_modules', 'src', 'test'])).toEqual([
      '.dockerignore sends package.json, which the Dockerfile never copies',
      '.dockerignore sends README.md, which the Dockerfile never copies',
      '.dockerignore sends .k8s-check-probe, which the Dockerfile never copies',
      '.dockerignore sends dist/.k8s-check-probe, which the Dockerfile never copies',
    ]);
    expect(ruleOf(['*', '!dist', '!conf'])).toEqual(['.dockerignore sends dist/.k8s-check-probe, which the Dockerfile never copies']);
  });
});

describe('the release pin and the repository layout', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function repoCopy(): string {
    dir = mkdtempSync(join(tmpdir(), 'k8s-check-repo-'));
    cpSync(join(REPO_ROOT, 'tools/alpine-release'), join(dir, 'tools/alpine-release'));
    cpSync(join(REPO_ROOT, 'tools/docker-build.sh'), join(dir, 'tools/docker-build.sh'));
    for (const s of SERVICE_NAMES) {
      // The service folder as a build context sees it: its files, without what builds and installs leave.
      cpSync(join(REPO_ROOT, 'services', s), join(dir, 'services', s), { recursive: true, filter: (src) => !/\/(node_modules|dist)$/.test(src) });
    }
    return dir;
  }

  it("the project's Dockerfiles and pin pass", () => {
    expect(checkDockerfiles(repoCopy())).toEqual([]);
  });

  it('DOCKER_RELEASE_PIN: a moving release in tools/alpine-release', () => {
    const root = repoCopy();
    writeFileSync(join(root, 'tools/alpine-release'), 'latest\n');
    expect(checkReleasePin(root).map((v) => `${v.rule} ${v.name}`)).toEqual(['DOCKER_RELEASE_PIN tools/alpine-release']);
  });

  it('DOCKER_RELEASE_PIN: a build script that ignores the pin', () => {
    const root = repoCopy();
    writeFileSync(join(root, 'tools/docker-build.sh'), '#!/usr/bin/env bash\nexec docker build -t "ft_services/$1:latest" "services/$1"\n');
    expect(checkReleasePin(root).map((v) => `${v.rule} ${v.name}`)).toEqual(['DOCKER_RELEASE_PIN tools/docker-build.sh']);
  });

  it('DOCKER_RELEASE_PIN: a setup.sh that builds with plain docker build', () => {
    const root = repoCopy();
    writeFileSync(join(root, 'setup.sh'), '#!/usr/bin/env bash\nfor s in nginx mysql; do docker build -t "ft_services/$s" "services/$s"; done\n');
    expect(checkReleasePin(root).map((v) => `${v.rule} ${v.name}`)).toEqual(['DOCKER_RELEASE_PIN setup.sh']);
  });

  it('DOCKER_IGNORE: a service without a .dockerignore', () => {
    const root = repoCopy();
    rmSync(join(root, 'services/mysql/.dockerignore'));
    expect(checkDockerfiles(root).map((v) => `${v.rule} ${v.name}`)).toEqual(['DOCKER_IGNORE services/mysql/Dockerfile']);
  });

  it('DOCKER_IGNORE: a Dockerfile that COPYs what the .dockerignore leaves out', () => {
    const root = repoCopy();
    const file = join(root, 'services/nginx/Dockerfile');
    writeFileSync(file, readFileSync(file, 'utf8').replace('COPY conf /conf\n', 'COPY conf /conf\nCOPY src /src\n'));
    expect(checkDockerfiles(root).map((v) => `${v.rule} ${v.name}`)).toContain('DOCKER_IGNORE services/nginx/Dockerfile');
  });

  it('DOCKER_IGNORE: a .dockerignore that lets the sources and tests through', () => {
    const root = repoCopy();
    writeFileSync(join(root, 'services/grafana/.dockerignore'), 'node_modules\n');
    const found = checkDockerfiles(root)
      .filter((v) => v.rule === 'DOCKER_IGNORE')
      .map((v) => v.message);
    expect(found).toContain('.dockerignore sends src/main.ts, which the Dockerfile never copies');
    expect(found).toContain('.dockerignore sends package.json, which the Dockerfile never copies');
  });

  it('DOCKER_RELEASE_PIN: a deploy tool that builds with plain docker build', () => {
    const root = repoCopy();
    writeFileSync(join(root, 'setup.sh'), '#!/usr/bin/env bash\nexec node tools/deploy/dist/cli.js "$@"\n');
    mkdirSync(join(root, 'tools/deploy/src'), { recursive: true });
    writeFileSync(join(root, 'tools/deploy/src/images.ts'), "run({ cmd: 'docker', args: ['build', '-t', name, dir] });\n");
    expect(checkReleasePin(root).map((v) => `${v.rule} ${v.name}`)).toEqual(['DOCKER_RELEASE_PIN tools/deploy/src/images.ts']);
    writeFileSync(join(root, 'tools/deploy/src/images.ts'), "run({ cmd: 'bash', args: [path.join(root, 'tools', 'docker-build.sh'), service] });\n");
    expect(checkReleasePin(root)).toEqual([]);
  });

  it('DOCKER_MISSING: a service without a Dockerfile', () => {
    const root = repoCopy();
    rmSync(join(root, 'services/grafana/Dockerfile'));
    expect(checkDockerfiles(root).map((v) => `${v.rule} ${v.name}`)).toEqual(['DOCKER_MISSING services/grafana/Dockerfile']);
  });
});
