/**
 * The seven images, built inside minikube's Docker (minikube docker-env) with Docker's default
 * builder, so an image always lands where the kubelet finds it (imagePullPolicy: Never). An image
 * whose inputs did not change since its last build in this cluster is not built again.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SERVICES } from '@ft/platform';
import { type Context, minikube } from './context.js';
import { DeployError, ERROR_CODES } from './errors.js';
import { sha256 } from './metallb.js';

/**
 * `minikube docker-env --shell bash`: `export NAME="value"` lines, then comments
 * (cmd/minikube/cmd/docker-env_test.go; pkg/minikube/shell/shell.go for the bash prefix/suffix).
 */
export function parseDockerEnv(stdout: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const m = /^export ([A-Za-z_][A-Za-z0-9_]*)="(.*)"$/.exec(line.trim());
    if (m?.[1] !== undefined) env[m[1]] = m[2] ?? '';
  }
  if (!env.DOCKER_HOST) throw new DeployError(ERROR_CODES.BAD_OUTPUT, `minikube docker-env printed no DOCKER_HOST: ${stdout.trim().slice(0, 300)}`);
  return env;
}

/**
 * The environment of every docker call: minikube's engine, and BUILDX_BUILDER=default so a
 * builder selected with `docker buildx use` (a docker-container builder keeps its images to itself)
 * is not the one that builds.
 */
export function buildEnv(dockerEnv: Record<string, string>): Record<string, string> {
  return { ...dockerEnv, BUILDX_BUILDER: 'default' };
}

export async function loadDockerEnv(ctx: Context): Promise<Record<string, string>> {
  const out = await ctx.runner.run(minikube(ctx, 'docker-env', '--shell', 'bash'), {
    placeholder: 'export DOCKER_HOST="<minikube-docker-host>"\nexport DOCKER_TLS_VERIFY="<1>"\nexport DOCKER_CERT_PATH="<minikube-certs>"\n',
    allowFailure: true,
  });
  if (out.code !== 0) {
    throw new DeployError(
      ERROR_CODES.REFUSED,
      `minikube docker-env failed (${out.stderr.trim().split('\n').slice(-1)[0] ?? ''}): the images are built in minikube's Docker, which needs a profile with the docker container runtime. Recreate it: minikube -p ${ctx.options.profile} delete, then ./setup.sh`,
    );
  }
  return buildEnv(parseDockerEnv(out.stdout));
}

async function filesUnder(dir: string, rel: string): Promise<string[]> {
  const full = path.join(dir, rel);
  if (!existsSync(full)) return [];
  const entries = await readdir(full, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries) {
    const child = path.posix.join(rel, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(dir, child)));
    else if (e.isFile()) out.push(child);
  }
  return out;
}

/** What an image is built from: its Dockerfile, .dockerignore, conf/ and dist/, and the pinned Alpine release. */
export async function serviceInputsHash(root: string, service: string): Promise<string> {
  const dir = path.join(root, 'services', service);
  const files = [
    ...['Dockerfile', '.dockerignore'].filter((f) => existsSync(path.join(dir, f))),
    ...(await filesUnder(dir, 'conf')),
    ...(await filesUnder(dir, 'dist')),
  ].sort();
  const lines: string[] = [];
  for (const f of files) lines.push(`${sha256(await readFile(path.join(dir, f)))}  ${f}`);
  lines.push(`alpine-release ${(await readFile(path.join(root, 'tools', 'alpine-release'), 'utf8')).trim()}`);
  return sha256(lines.join('\n'));
}

export const imageName = (service: string) => `ft_services/${service}:latest`;

async function imageId(ctx: Context, env: Record<string, string>, service: string, quiet: boolean): Promise<string> {
  const out = await ctx.runner.run(
    { cmd: 'docker', args: ['image', 'inspect', '--format', '{{.Id}}', imageName(service)], env },
    {
      allowFailure: true,
      quiet,
      placeholder: `<image-id-of-${imageName(service)}>`,
    },
  );
  return out.code === 0 ? out.stdout.trim() : '';
}

/** A service needs a build unless --rebuild is off, its image exists and the record says same inputs, same image. */
export function needsBuild(record: string, hash: string, id: string, rebuild: boolean): boolean {
  return rebuild || id === '' || record.trim() !== `${hash} ${id}`;
}

/** At most this many builds at once (2-core laptops; each runs apk and copies a bundle). */
const PARALLEL_BUILDS = 3;

export async function buildImages(ctx: Context): Promise<void> {
  const env = await loadDockerEnv(ctx);
  ctx.dockerEnv = env;
  const { runner, paths } = ctx;
  const todo: string[] = [];
  const hashes: Record<string, string> = {};
  if (runner.dryRun) {
    ctx.say('  (a service whose inputs and image did not change since its last build is skipped)');
    todo.push(...SERVICES);
  } else {
    await mkdir(paths.imagesDir, { recursive: true, mode: 0o700 });
    for (const service of SERVICES) {
      hashes[service] = await serviceInputsHash(paths.root, service);
      const record = await readFile(path.join(paths.imagesDir, service), 'utf8').catch(() => '');
      const id = await imageId(ctx, env, service, true);
      if (needsBuild(record, hashes[service] ?? '', id, ctx.options.rebuild)) todo.push(service);
      else ctx.say(`  ${service}: unchanged, not rebuilt (image ${id.replace(/^sha256:/, '').slice(0, 12)})`);
    }
  }
  const queue = [...todo];
  const worker = async () => {
    for (let service = queue.shift(); service !== undefined; service = queue.shift()) {
      const started = Date.now();
      await runner.run({ cmd: 'bash', args: [path.join(paths.root, 'tools', 'docker-build.sh'), service], env, cwd: paths.root });
      if (!runner.dryRun) ctx.say(`  ${service}: built in ${Math.round((Date.now() - started) / 1000)}s`);
    }
  };
  await Promise.all(Array.from({ length: runner.dryRun ? 1 : PARALLEL_BUILDS }, worker));
  const ids: Record<string, string> = {};
  for (const service of SERVICES) {
    const id = await imageId(ctx, env, service, !runner.dryRun);
    if (!runner.dryRun && id === '') {
      throw new DeployError(
        ERROR_CODES.COMMAND_FAILED,
        `image ${imageName(service)} is not in minikube's Docker after the build: check the docker-build output above, and that DOCKER_HOST points to minikube (${env.DOCKER_HOST ?? '?'})`,
      );
    }
    ids[service] = id;
    if (!runner.dryRun) await writeFile(path.join(paths.imagesDir, service), `${hashes[service] ?? ''} ${id}\n`, { mode: 0o600 });
  }
  ctx.imageIds = ids;
}
