// The image rules, each proven able to fail on a broken copy of a valid Dockerfile.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, rules } from '../test/support.js';
import { checkDockerfiles, checkDockerfileText, checkReleasePin, shellCommands, substitute } from './dockerfiles.js';
import { RULES, type RuleId } from './errors.js';
import { SERVICE_NAMES } from './platform.js';

const VALID = readFileSync(new URL('../test/fixtures/Dockerfile.valid', import.meta.url), 'utf8');

/** VALID with `from` replaced by `to`; `from` must occur, or the case would test nothing. */
function broken(from: string, to: string): string {
  if (!VALID.includes(from)) throw new Error(`fixture lacks ${JSON.stringify(from)}`);
  return VALID.replace(from, to);
}

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
  { rule: 'DOCKER_DOWNLOAD', what: 'git clone', text: () => broken('RUN install -d /run/ft', 'RUN git clone https://example.org/x.git /x && install -d /run/ft') },
  { rule: 'DOCKER_DOWNLOAD', what: 'ADD of a URL', text: () => broken('COPY conf /conf', 'ADD https://example.org/demo-1.2.3.tar.gz /tmp/\nCOPY conf /conf') },
  { rule: 'DOCKER_APK', what: 'apk add with a cache', text: () => broken('apk add --no-cache nodejs', 'apk add nodejs') },
  { rule: 'DOCKER_APK', what: 'an untrusted package', text: () => broken('apk add --no-cache nodejs', 'apk add --no-cache --allow-untrusted nodejs') },
  {
    rule: 'DOCKER_APK',
    what: 'the edge repository',
    text: () => broken('apk add --no-cache nodejs', 'apk add --no-cache -X https://dl-cdn.alpinelinux.org/alpine/edge/community nodejs'),
  },
  { rule: 'DOCKER_SECRET', what: 'a password in ENV', text: () => broken('ENV AGENT_PLATFORM=alpine', 'ENV AGENT_PLATFORM=alpine MYSQL_ROOT_PASSWORD=hunter2') },
  { rule: 'DOCKER_SECRET', what: 'a key file copied in', text: () => broken('COPY conf /conf', 'COPY conf /conf\nCOPY tls/tls.key /etc/tls.key') },
];

describe('Dockerfile rules', () => {
  it('pass on the valid fixture', () => {
    expect(checkDockerfileText('fixture', VALID)).toEqual([]);
  });

  it('have a breaking case for every Dockerfile rule', () => {
    const covered = new Set<string>([...cases.map((c) => c.rule), 'DOCKER_MISSING', 'DOCKER_RELEASE_PIN']);
    expect(Object.keys(RULES).filter((r) => r.startsWith('DOCKER_') && !covered.has(r))).toEqual([]);
  });

  it.each(cases)('$rule: $what', ({ rule, text }) => {
    const violations = checkDockerfileText('services/demo/Dockerfile', text());
    expect(rules(violations)).toContain(rule);
    expect(violations.every((v) => v.kind === 'Dockerfile' && v.name === 'services/demo/Dockerfile')).toBe(true);
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
    for (const s of SERVICE_NAMES) cpSync(join(REPO_ROOT, 'services', s, 'Dockerfile'), join(dir, 'services', s, 'Dockerfile'));
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

  it('DOCKER_MISSING: a service without a Dockerfile', () => {
    const root = repoCopy();
    rmSync(join(root, 'services/grafana/Dockerfile'));
    expect(checkDockerfiles(root).map((v) => `${v.rule} ${v.name}`)).toEqual(['DOCKER_MISSING services/grafana/Dockerfile']);
  });
});
