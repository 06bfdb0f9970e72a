/**
 * Every manifest rule over one rendering. A deployable rendering (an overlay) gets them all; a
 * base that an overlay completes gets the rules that hold for any part of the platform (schema,
 * no secrets, no NodePort/Ingress).
 */
import type { Violation } from './errors.js';
import type { K8sObject } from './manifest.js';
import { checkApiRules } from './rules/api.js';
import { checkCatalogueEnv } from './rules/catalogue-env.js';
import { checkGracefulStop } from './rules/graceful-stop.js';
import { checkImages } from './rules/images.js';
import { checkProbes, checkWorkloads } from './rules/probes.js';
import { checkSecretRefs, checkSecretValues } from './rules/secrets.js';
import { checkServiceEnv } from './rules/service-env.js';
import { checkNetworkPolicies } from './rules/network-policy.js';
import { checkMetallb, checkNamespaces, checkNoNodePort, checkServices, checkSharedIp } from './rules/services.js';
import { checkStorage } from './rules/storage.js';
import { validateSchemas } from './schema.js';

export interface RenderingOptions {
  /** true for a rendering that deploys the whole platform (an overlay). */
  complete: boolean;
  /** CRDs that are applied apart from the rendering (vendored upstream files). */
  extraCrds?: K8sObject[];
}

export function platformRules(objects: K8sObject[]): Violation[] {
  return [
    ...checkNamespaces(objects),
    ...checkServices(objects),
    ...checkSharedIp(objects),
    ...checkMetallb(objects),
    ...checkWorkloads(objects),
    ...checkProbes(objects),
    ...checkImages(objects),
    ...checkStorage(objects),
    ...checkGracefulStop(objects),
    ...checkSecretRefs(objects),
    ...checkServiceEnv(objects),
    ...checkCatalogueEnv(objects),
    ...checkNetworkPolicies(objects),
  ];
}

export async function checkRendering(objects: K8sObject[], options: RenderingOptions): Promise<Violation[]> {
  return [
    ...(await validateSchemas(objects, options.extraCrds ?? [])),
    ...checkApiRules(objects, { references: options.complete }),
    ...checkNoNodePort(objects),
    ...checkSecretValues(objects),
    ...(options.complete ? platformRules(objects) : []),
  ];
}
