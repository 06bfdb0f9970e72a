import { describe, expect, it } from 'vitest';
import { fixture, testContext } from '../test/support.js';
import { buildEnv, buildImages, needsBuild, parseDockerEnv, serviceInputsHash } from './images.js';

describe('parseDockerEnv (minikube docker-env --shell bash)', () => {
  it('reads the export lines', () => {
    expect(parseDockerEnv(fixture('docker-env-bash.txt'))).toEqual({
      DOCKER_TLS_VERIFY: '1',
      DOCKER_HOST: 'tcp://127.0.0.1:32842',
      DOCKER_CERT_PATH: '/certs',
      MINIKUBE_ACTIVE_DOCKERD: 'dockerdriver',
    });
    expect(() => parseDockerEnv('# nothing\n')).toThrow(/no DOCKER_HOST/);
  });

  it('every docker call uses the default builder', () => {
    expect(buildEnv({ DOCKER_HOST: 'x' })).toEqual({ DOCKER_HOST: 'x', BUILDX_BUILDER: 'default' });
  });
});

describe('needsBuild', () => {
  it('skips only an unchanged image that is still there', () => {
    expect(needsBuild('h id\n', 'h', 'id', false)).toBe(false);
    expect(needsBuild('h id\n', 'h', 'id', true)).toBe(true);
    expect(needsBuild('h id\n', 'h2', 'id', false)).toBe(true);
    expect(needsBuild('h id\n', 'h', '', false)).toBe(true);
    expect(needsBuild('', 'h', 'id', false)).toBe(true);
  });

  it('the inputs hash is stable and per service', async () => {
    const root = new URL('../../..', import.meta.url).pathname;
    expect(await serviceInputsHash(root, 'nginx')).toBe(await serviceInputsHash(root, 'nginx'));
    expect(await serviceInputsHash(root, 'nginx')).not.toBe(await serviceInputsHash(root, 'mysql'));
  });
});

describe('buildImages', () => {
  it('builds in minikube’s Docker with the default builder, then finds every image there', async () => {
    const ctx = testContext(['--rebuild'], (c, line) => {
      if (line === 'minikube docker-env --shell bash') return { stdout: fixture('docker-env-bash.txt') };
      if (line.startsWith('docker image inspect')) return { stdout: `sha256:${c.args.at(-1)?.length ?? 0}abc\n` };
      return undefined;
    });
    await buildImages(ctx);
    const builds = ctx.runner.calls.filter((c) => c.cmd === 'bash');
    expect(builds.map((c) => c.args[1]).sort()).toEqual(['ftps', 'grafana', 'influxdb', 'mysql', 'nginx', 'phpmyadmin', 'wordpress']);
    for (const c of builds) expect(c.env).toMatchObject({ DOCKER_HOST: 'tcp://127.0.0.1:32842', BUILDX_BUILDER: 'default' });
    expect(Object.keys(ctx.imageIds ?? {})).toHaveLength(7);
  });

  it('fails when an image is not in minikube’s Docker after the build', async () => {
    const ctx = testContext(['--rebuild'], (_c, line) => {
      if (line === 'minikube docker-env --shell bash') return { stdout: fixture('docker-env-bash.txt') };
      if (line.startsWith('docker image inspect')) return { code: 1, stderr: 'Error: No such image' };
      return undefined;
    });
    await expect(buildImages(ctx)).rejects.toThrow(/is not in minikube's Docker after the build/);
  });

  it('refuses a profile whose runtime has no docker-env', async () => {
    const ctx = testContext([], (_c, line) =>
      line.startsWith('minikube docker-env')
        ? { code: 14, stderr: 'X Exiting due to MK_USAGE: The docker-env command is only compatible with the "docker" runtime' }
        : undefined,
    );
    await expect(buildImages(ctx)).rejects.toThrow(/needs a profile with the docker container runtime/);
  });
});
