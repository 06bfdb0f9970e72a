/**
 * The load-balancer address: remembered in state/cluster/address and reused while it is inside
 * minikube's /24 and is not the node's own IP. Only --address or --lb-octet (or their FT_*
 * variables) choose another; the first run takes minikube's network with the last octet 240.
 */
import { mkdir, readFile, rename, writeFile, chmod } from 'node:fs/promises';
import path from 'node:path';
import { type Context, minikube } from './context.js';
import { DeployError, ERROR_CODES } from './errors.js';
import { DEFAULT_LB_OCTET } from './options.js';

export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

const net24 = (ip: string) => ip.split('.').slice(0, 3).join('.');

export interface AddressChoice {
  address: string;
  /** Why this one: given, remembered or default. */
  source: 'given' | 'remembered' | 'default';
  /** A remembered address that could not be reused, and why. */
  dropped?: string;
}

/** Pure: decides the address from minikube's IP, the options and the remembered one. */
export function chooseAddress(
  nodeIp: string,
  given: { address?: string | undefined; lbOctet?: number | undefined },
  remembered: string | undefined,
): AddressChoice {
  if (!isIpv4(nodeIp)) throw new DeployError(ERROR_CODES.BAD_OUTPUT, `minikube ip gave '${nodeIp}', not an IPv4 address`);
  const check = (address: string, what: string) => {
    if (!isIpv4(address)) throw new DeployError(ERROR_CODES.ADDRESS, `${what} ${address} is not an IPv4 address`);
    if (net24(address) !== net24(nodeIp)) {
      throw new DeployError(
        ERROR_CODES.ADDRESS,
        `${what} ${address} is not in minikube's network ${net24(nodeIp)}.0/24: MetalLB's layer 2 mode can only announce an address there`,
      );
    }
    if (address === nodeIp) throw new DeployError(ERROR_CODES.ADDRESS, `${what} ${address} is minikube's own IP: choose another --lb-octet`);
  };
  if (given.address !== undefined) {
    check(given.address, '--address');
    return { address: given.address, source: 'given' };
  }
  if (given.lbOctet !== undefined) {
    const address = `${net24(nodeIp)}.${given.lbOctet}`;
    check(address, `--lb-octet ${given.lbOctet} gives`);
    return { address, source: 'given' };
  }
  let dropped: string | undefined;
  if (remembered !== undefined) {
    if (!isIpv4(remembered)) dropped = `the remembered '${remembered}' is not an IPv4 address`;
    else if (net24(remembered) !== net24(nodeIp)) dropped = `the remembered ${remembered} is outside minikube's network ${net24(nodeIp)}.0/24 (a new cluster?)`;
    else if (remembered === nodeIp) dropped = `the remembered ${remembered} is now minikube's own IP`;
    else return { address: remembered, source: 'remembered' };
  }
  const address = `${net24(nodeIp)}.${DEFAULT_LB_OCTET}`;
  check(address, 'the default address');
  return dropped === undefined ? { address, source: 'default' } : { address, source: 'default', dropped };
}

async function readRemembered(file: string): Promise<string | undefined> {
  try {
    const text = (await readFile(file, 'utf8')).trim();
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

/** state/cluster/ is private: mode 700, created on first use. */
export async function ensureStateDir(ctx: Context): Promise<void> {
  await mkdir(ctx.paths.stateDir, { recursive: true, mode: 0o700 });
  await chmod(ctx.paths.stateDir, 0o700);
}

export async function pickAddress(ctx: Context): Promise<void> {
  const { runner, options, paths } = ctx;
  const ip = await runner.run(minikube(ctx, 'ip'), { placeholder: '<minikube-ip>' });
  if (runner.dryRun) {
    ctx.address = options.address ?? '<lb-address>';
    ctx.nodeIp = '<minikube-ip>';
    ctx.say(
      options.address
        ? `  load-balancer address: ${options.address} (checked: inside minikube's /24, not its IP; remembered in ${paths.addressFile})`
        : options.lbOctet !== undefined
          ? `  <lb-address>: minikube's /24 with the last octet ${options.lbOctet} (remembered in ${paths.addressFile})`
          : `  <lb-address>: the one remembered in ${paths.addressFile} while inside minikube's /24 and not its IP, else the /24 with the last octet ${DEFAULT_LB_OCTET}`,
    );
    return;
  }
  const nodeIp = ip.stdout.trim();
  const remembered = await readRemembered(paths.addressFile);
  const choice = chooseAddress(nodeIp, { address: options.address, lbOctet: options.lbOctet }, remembered);
  if (choice.dropped) ctx.say(`  warning: ${choice.dropped}: not reused`);
  if (remembered !== undefined && remembered !== choice.address) {
    ctx.say(
      `  warning: the address changes from ${remembered} to ${choice.address}: the TLS certificate is made again for it and nginx, wordpress and ftps restart`,
    );
  }
  await ensureStateDir(ctx);
  if (remembered !== choice.address) {
    const tmp = `${paths.addressFile}.tmp`;
    await mkdir(path.dirname(tmp), { recursive: true });
    await writeFile(tmp, `${choice.address}\n`, { mode: 0o600 });
    await rename(tmp, paths.addressFile);
  }
  ctx.nodeIp = nodeIp;
  ctx.address = choice.address;
  ctx.say(`  minikube's IP: ${nodeIp}; load-balancer address: ${choice.address} (${choice.source})`);
}

/** The remembered address, for status/verify (no cluster query). */
export const rememberedAddress = (ctx: Context) => readRemembered(ctx.paths.addressFile);
