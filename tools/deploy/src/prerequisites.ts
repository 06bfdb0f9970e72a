/**
 * Before anything runs: the tools on PATH (with how to get each), the refusals (root, the docker
 * driver where the address cannot be reached from the host), minikube's version, and the existing
 * profile, whose settings decide the rest. After the cluster runs: kubectl's skew to the server.
 */
import { kubectl, type Context, effectiveDriver, type ProfileInfo } from './context.js';
import { DeployError, ERROR_CODES, refused } from './errors.js';
import { KUBECTL_MAX_MINOR_SKEW, MINIKUBE_MIN_VERSION } from './pins.js';
import { compareVersions, formatVersion, parseVersion } from './versions.js';

/** What each tool is for and how to get it, per platform. */
function installHint(tool: string, platform: NodeJS.Platform): string {
  const mac = platform === 'darwin';
  switch (tool) {
    case 'docker':
      return mac
        ? "docker: the Docker CLI builds the images in minikube's engine: brew install docker"
        : 'docker: install Docker Engine (https://docs.docker.com/engine/install/), then let your user use it: sudo usermod -aG docker $USER and log in again';
    case 'minikube':
      return mac
        ? `minikube ${MINIKUBE_MIN_VERSION} or newer: brew install minikube (https://minikube.sigs.k8s.io/docs/start/)`
        : `minikube ${MINIKUBE_MIN_VERSION} or newer: curl -LO https://storage.googleapis.com/minikube/releases/latest/minikube-linux-amd64 && sudo install minikube-linux-amd64 /usr/local/bin/minikube (https://minikube.sigs.k8s.io/docs/start/)`;
    case 'kubectl':
      return mac
        ? 'kubectl: brew install kubectl (https://kubernetes.io/docs/tasks/tools/)'
        : 'kubectl: see https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/';
    case 'vfkit':
      return 'vfkit: the minikube driver used on macOS: brew install vfkit (or choose another with --driver)';
    default:
      return tool;
  }
}

export function missingTools(ctx: Context): string[] {
  const needed = ctx.options.command === 'up' ? ['docker', 'minikube', 'kubectl'] : ['minikube', 'kubectl'];
  if (ctx.options.command === 'up' && ctx.platform === 'darwin' && effectiveDriver(ctx) === 'vfkit') needed.push('vfkit');
  return needed.filter((tool) => !ctx.which(tool)).map((tool) => installHint(tool, ctx.platform));
}

/** `minikube version --output=json`: {"commit":"…","minikubeVersion":"v1.37.0"} (cmd/minikube/cmd/version.go). */
export function parseMinikubeVersion(stdout: string): string {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    throw new DeployError(ERROR_CODES.BAD_OUTPUT, `minikube version --output=json printed no JSON: ${stdout.trim().slice(0, 200)}`);
  }
  const version = (data as { minikubeVersion?: unknown }).minikubeVersion;
  if (typeof version !== 'string' || !parseVersion(version))
    throw new DeployError(ERROR_CODES.BAD_OUTPUT, `minikube version --output=json has no minikubeVersion: ${stdout.trim().slice(0, 200)}`);
  return version;
}

export function checkMinikubeVersion(version: string): void {
  const have = parseVersion(version);
  const min = parseVersion(MINIKUBE_MIN_VERSION);
  if (!have || !min || compareVersions(have, min) < 0) {
    throw new DeployError(
      ERROR_CODES.VERSION,
      `minikube ${version} is too old: ${MINIKUBE_MIN_VERSION} or newer is needed for the pinned Kubernetes (tools/deploy/src/pins.ts). Update it: https://minikube.sigs.k8s.io/docs/start/`,
    );
  }
}

export interface DockerEngine {
  desktop: boolean;
  rootless: boolean;
  operatingSystem: string;
}

/**
 * `docker system info --format '{{json .}}'`: Docker Desktop says OperatingSystem "Docker Desktop"
 * (minikube reads the same field: pkg/minikube/driver/driver.go), rootless Docker lists
 * "name=rootless" in SecurityOptions (minikube: pkg/drivers/kic/oci/info.go).
 */
export function parseDockerInfo(stdout: string): DockerEngine {
  let data: { OperatingSystem?: unknown; SecurityOptions?: unknown };
  try {
    data = JSON.parse(stdout) as typeof data;
  } catch {
    throw new DeployError(ERROR_CODES.BAD_OUTPUT, `docker system info printed no JSON: ${stdout.trim().slice(0, 200)}`);
  }
  const os = typeof data.OperatingSystem === 'string' ? data.OperatingSystem : '';
  const security = Array.isArray(data.SecurityOptions) ? data.SecurityOptions.filter((s): s is string => typeof s === 'string') : [];
  return { desktop: os === 'Docker Desktop', rootless: security.some((s) => s.startsWith('name=rootless')), operatingSystem: os };
}

const OTHER_DRIVER = (platform: NodeJS.Platform) =>
  platform === 'darwin' ? '--driver vfkit (brew install vfkit)' : '--driver kvm2 (https://minikube.sigs.k8s.io/docs/drivers/kvm2/)';

/** Refuses the docker driver where MetalLB's address lives in a network the host cannot reach. */
export function checkDockerDriver(ctx: Context, engine: DockerEngine | undefined): void {
  if (effectiveDriver(ctx) !== 'docker') return;
  const instead = `use a VM driver instead: ${OTHER_DRIVER(ctx.platform)}, with a new profile (--profile NAME, or minikube -p ${ctx.options.profile} delete first)`;
  if (ctx.platform === 'darwin')
    throw refused(`the docker driver on macOS: its network is not reachable from the Mac, so the platform's address would not answer; ${instead}`);
  if (engine?.desktop)
    throw refused(
      `the docker driver on Docker Desktop: its containers run in a VM whose network this host cannot reach, so the platform's address would not answer; ${instead}`,
    );
  if (engine?.rootless)
    throw refused(
      `the docker driver on rootless Docker: its network lives in a user namespace this host cannot reach, so the platform's address would not answer; ${instead}`,
    );
}

export function checkNotRoot(uid: number | undefined): void {
  if (uid === 0) {
    throw refused(
      "running as root: minikube's docker driver refuses root, and state/cluster/ would belong to root. Run ./setup.sh as your own user (a member of the docker group: sudo usermod -aG docker $USER, then log in again)",
    );
  }
}

/**
 * `minikube profile list --output=json --light`: {"invalid":[…],"valid":[{"Name":…,"Config":{"Driver":…,
 * "KubernetesConfig":{"KubernetesVersion":…,"ContainerRuntime":…,"CNI":…}}}]} (cmd/minikube/cmd/config/
 * profile_list.go, printProfilesJSON; field names from pkg/minikube/config/types.go).
 */
export function parseProfileList(stdout: string, name: string): ProfileInfo | undefined {
  if (stdout.trim() === '') return undefined;
  let data: { valid?: unknown };
  try {
    data = JSON.parse(stdout) as typeof data;
  } catch {
    throw new DeployError(ERROR_CODES.BAD_OUTPUT, `minikube profile list --output=json printed no JSON: ${stdout.trim().slice(0, 200)}`);
  }
  const valid = Array.isArray(data.valid) ? (data.valid as unknown[]) : [];
  for (const entry of valid) {
    const p = entry as {
      Name?: unknown;
      Config?: { Driver?: unknown; KubernetesConfig?: { KubernetesVersion?: unknown; ContainerRuntime?: unknown; CNI?: unknown } };
    };
    if (p.Name !== name) continue;
    const k = p.Config?.KubernetesConfig ?? {};
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    return { name, driver: str(p.Config?.Driver), containerRuntime: str(k.ContainerRuntime), kubernetesVersion: str(k.KubernetesVersion), cni: str(k.CNI) };
  }
  return undefined;
}

/** `minikube docker-env` works only with the docker runtime: an existing profile with another is refused. */
export function checkProfileRuntime(ctx: Context): void {
  const info = ctx.profileInfo;
  if (!info || info.containerRuntime === 'docker' || info.containerRuntime === '') return;
  throw refused(
    `minikube profile '${info.name}' runs the ${info.containerRuntime} container runtime: the images are built in minikube's Docker (minikube docker-env), which needs the docker runtime. Use another profile (--profile NAME) or recreate this one: minikube -p ${info.name} delete, then ./setup.sh`,
  );
}

/** Under --dry-run a refusal is reported and the plan goes on; otherwise it stops the run. */
function refuseOrNote(ctx: Context, check: () => void): void {
  try {
    check();
  } catch (err) {
    if (!ctx.runner.dryRun || !(err instanceof DeployError)) throw err;
    ctx.say(`dry run: a real run would stop here: ${err.message}`);
  }
}

/** Everything that can be known before a cluster runs. Under --dry-run a lack is reported, not fatal. */
export async function checkPrerequisites(ctx: Context): Promise<void> {
  const missing = missingTools(ctx);
  if (missing.length > 0) {
    const list = missing.map((m) => `  - ${m}`).join('\n');
    if (!ctx.options.dryRun) {
      throw new DeployError(
        ERROR_CODES.MISSING_TOOL,
        `./setup.sh ${ctx.options.command} needs what this machine lacks:\n${list}\nInstall it, then run ./setup.sh ${ctx.options.command} again. (./setup.sh local runs without Kubernetes.)`,
      );
    }
    ctx.say(`dry run: a real run would stop here, as this machine lacks:\n${list}`);
  }
  if (ctx.options.command === 'up') refuseOrNote(ctx, () => checkNotRoot(ctx.uid));
  const { runner } = ctx;
  const version = await runner.run({ cmd: 'minikube', args: ['version', '--output=json'] }, { placeholder: '' });
  if (!runner.dryRun) checkMinikubeVersion(parseMinikubeVersion(version.stdout));
  else ctx.say(`  (minikube ${MINIKUBE_MIN_VERSION} or newer is required)`);
  const profiles = await runner.run({ cmd: 'minikube', args: ['profile', 'list', '--output=json', '--light'] }, { placeholder: '', allowFailure: true });
  // No profile at all can be a failing exit with a sentence instead of JSON: then there is none to read.
  const listed = profiles.code === 0 || profiles.stdout.trim().startsWith('{');
  ctx.profileInfo = runner.dryRun || !listed ? undefined : parseProfileList(profiles.stdout, ctx.options.profile);
  if (ctx.options.command !== 'up') return;
  checkProfileRuntime(ctx);
  let engine: DockerEngine | undefined;
  if (effectiveDriver(ctx) === 'docker' && ctx.platform !== 'darwin') {
    const info = await runner.run({ cmd: 'docker', args: ['system', 'info', '--format', '{{json .}}'] }, { placeholder: '', allowFailure: true });
    if (!runner.dryRun) {
      if (info.code !== 0) {
        throw new DeployError(
          ERROR_CODES.MISSING_TOOL,
          `docker is installed but its daemon does not answer (${info.stderr.trim().split('\n')[0] ?? ''}): start it (sudo systemctl start docker) and make sure your user may use it (sudo usermod -aG docker $USER, then log in again)`,
        );
      }
      engine = parseDockerInfo(info.stdout);
    } else {
      ctx.say('  (the docker driver is refused on Docker Desktop and on rootless Docker)');
    }
  }
  refuseOrNote(ctx, () => checkDockerDriver(ctx, engine));
}

/** `kubectl version --output=json`: clientVersion/serverVersion with gitVersion (k8s.io/apimachinery's version.Info). */
export function parseKubectlVersion(stdout: string): { client: string; server: string } {
  let data: { clientVersion?: { gitVersion?: unknown }; serverVersion?: { gitVersion?: unknown } };
  try {
    data = JSON.parse(stdout) as typeof data;
  } catch {
    throw new DeployError(ERROR_CODES.BAD_OUTPUT, `kubectl version --output=json printed no JSON: ${stdout.trim().slice(0, 200)}`);
  }
  const client = data.clientVersion?.gitVersion;
  const server = data.serverVersion?.gitVersion;
  if (typeof client !== 'string' || typeof server !== 'string')
    throw new DeployError(ERROR_CODES.BAD_OUTPUT, `kubectl version --output=json lacks clientVersion or serverVersion: ${stdout.trim().slice(0, 300)}`);
  return { client, server };
}

export function checkKubectlSkew(client: string, server: string): void {
  const c = parseVersion(client);
  const s = parseVersion(server);
  if (!c || !s) throw new DeployError(ERROR_CODES.BAD_OUTPUT, `cannot read the versions kubectl ${client} / server ${server}`);
  if (c.major !== s.major || Math.abs(c.minor - s.minor) > KUBECTL_MAX_MINOR_SKEW) {
    throw new DeployError(
      ERROR_CODES.VERSION,
      `kubectl ${formatVersion(c)} is more than one minor away from the cluster's Kubernetes ${formatVersion(s)}: install kubectl ${s.major}.${s.minor} (https://kubernetes.io/docs/tasks/tools/), or use minikube's own: minikube kubectl -- ...`,
    );
  }
}

export async function checkKubectl(ctx: Context): Promise<void> {
  const out = await ctx.runner.run(kubectl(ctx, 'version', '--output=json'), { placeholder: '' });
  if (ctx.runner.dryRun) {
    ctx.say(`  (kubectl must be within ${KUBECTL_MAX_MINOR_SKEW} minor of the server's Kubernetes)`);
    return;
  }
  const { client, server } = parseKubectlVersion(out.stdout);
  checkKubectlSkew(client, server);
  ctx.say(`  kubectl ${client}, Kubernetes ${server}`);
}
