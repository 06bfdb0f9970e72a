// K8S_PRIVILEGES on the real renderings: the committed container-privileges.json matches them,
// and a manifest that grants something else (or what the local mode cannot reproduce) fails.
import { join } from 'node:path';
import { readPrivilegesFile } from '@ft/stack';
import { describe, expect, it } from 'vitest';
import { container, REPO_ROOT } from '../test/support.js';
import { formatViolation } from './errors.js';
import { asRecord, type Json, type K8sObject } from './manifest.js';
import { renderKustomization } from './render.js';
import { checkPrivileges, PRIVILEGES_FILE } from './rules/privileges.js';

const renders = new Map<string, Promise<K8sObject[]>>();
async function rendering(dir: string): Promise<K8sObject[]> {
  if (!renders.has(dir)) renders.set(dir, renderKustomization(join(REPO_ROOT, dir)));
  return structuredClone(await (renders.get(dir) as Promise<K8sObject[]>));
}

const committed = () => readPrivilegesFile(join(REPO_ROOT, PRIVILEGES_FILE));

function capabilities(objects: K8sObject[], service: string): Json {
  return asRecord(asRecord(container(objects, service).securityContext)?.capabilities) ?? {};
}

describe('K8S_PRIVILEGES', () => {
  it.each(['k8s/base', 'k8s/overlays/minikube'])('passes on %s with the committed file', async (dir) => {
    expect(checkPrivileges(await rendering(dir), committed()).map(formatViolation)).toEqual([]);
  });

  it('fails when a manifest drops a capability the file still grants, and says how to regenerate', async () => {
    const objects = await rendering('k8s/base');
    const caps = capabilities(objects, 'ftps');
    caps.add = (caps.add as string[]).filter((c) => c !== 'NET_BIND_SERVICE');
    expect(checkPrivileges(objects, committed()).map(formatViolation)).toEqual([
      'K8S_PRIVILEGES StatefulSet/ftps: container ftps: the rendering grants capabilities [AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, KILL, SETGID, SETUID, SYS_CHROOT], no_new_privs on but tools/stack/container-privileges.json (what the local mode enforces) says capabilities [AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, KILL, NET_BIND_SERVICE, SETGID, SETUID, SYS_CHROOT], no_new_privs on; regenerate it: node tools/k8s-check/dist/cli.js --write-privileges',
    ]);
  });

  it('fails when allowPrivilegeEscalation is dropped (no_new_privs off)', async () => {
    const objects = await rendering('k8s/overlays/minikube');
    delete asRecord(container(objects, 'mysql').securityContext)?.allowPrivilegeEscalation;
    expect(checkPrivileges(objects, committed()).map(formatViolation)[0]).toMatch(
      /^K8S_PRIVILEGES StatefulSet\/mysql: container mysql: the rendering grants .*no_new_privs off but/,
    );
  });

  it('fails on a securityContext the local mode cannot reproduce', async () => {
    const objects = await rendering('k8s/base');
    capabilities(objects, 'nginx').drop = ['NET_RAW'];
    expect(checkPrivileges(objects, committed()).map(formatViolation)).toEqual([
      "K8S_PRIVILEGES Deployment/nginx: container nginx: securityContext.capabilities.drop lacks ALL: the runtime's default set would apply, which differs between runtimes",
    ]);
  });

  it('fails when the file cannot be read', async () => {
    expect(checkPrivileges(await rendering('k8s/base'), new Error('cannot read x (ENOENT)')).map(formatViolation)).toEqual([
      'K8S_PRIVILEGES File/tools/stack/container-privileges.json: cannot read x (ENOENT); make it with node tools/k8s-check/dist/cli.js --write-privileges',
    ]);
  });
});
