/**
 * Images: each service's container runs the image setup.sh builds from the project's Dockerfile,
 * and nothing in the services' namespace is ever pulled (imagePullPolicy Never on every container,
 * init containers included: a pulled busybox would be a prebuilt image too).
 */
import { violation, type Violation } from '../errors.js';
import { asString, containersOf, initContainersOf, kindOf, nameOf, podSpecOf, type K8sObject } from '../manifest.js';
import { IMAGE_PREFIX } from '../platform.js';
import { platformPodOwners, serviceWorkloads } from './workloads.js';

export function checkImages(objects: K8sObject[]): Violation[] {
  const out: Violation[] = [];
  for (const w of serviceWorkloads(objects)) {
    const image = asString(w.container?.image);
    const want = `${IMAGE_PREFIX}${w.service}:latest`;
    if (w.container && image !== want) {
      out.push(violation('K8S_IMAGE', kindOf(w.workload), w.service, `container ${w.service} runs ${image ?? 'no image'}; want ${want}`));
    }
  }
  for (const owner of platformPodOwners(objects)) {
    const spec = podSpecOf(owner);
    for (const container of [...containersOf(spec), ...initContainersOf(spec)]) {
      const name = asString(container.name) ?? '?';
      const image = asString(container.image) ?? '';
      if (!image.startsWith(IMAGE_PREFIX)) {
        out.push(violation('K8S_IMAGE', kindOf(owner), nameOf(owner), `container ${name} runs ${image || 'no image'}, not a project image (${IMAGE_PREFIX}*)`));
      }
      if (container.imagePullPolicy !== 'Never') {
        out.push(
          violation(
            'K8S_PULL_POLICY',
            kindOf(owner),
            nameOf(owner),
            `container ${name}: imagePullPolicy is ${asString(container.imagePullPolicy) ?? 'unset'}; want Never`,
          ),
        );
      }
    }
  }
  return out;
}
