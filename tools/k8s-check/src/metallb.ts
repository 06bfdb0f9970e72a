/**
 * MetalLB's two kinds the platform uses, as CRDs the schema check can load when neither the
 * rendering nor k8s/vendor carries MetalLB's own (setup.sh installs MetalLB apart; no npm package
 * ships its schemas). Written from MetalLB's documented API of metallb.io/v1beta1 (v0.13 to
 * v0.15: field names and types), not copied from its files; a vendored upstream CRD replaces these.
 */
import type { Json, K8sObject } from './manifest.js';

const strings = { type: 'array', items: { type: 'string' } };
const labelSelector: Json = {
  type: 'object',
  properties: {
    matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'operator'],
        properties: { key: { type: 'string' }, operator: { type: 'string' }, values: strings },
      },
    },
  },
};
const selectors = { type: 'array', items: labelSelector };

function crd(kind: string, plural: string, spec: Json, required: string[]): K8sObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.metallb.io` },
    spec: {
      group: 'metallb.io',
      names: { kind, plural },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1beta1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              required,
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec,
                status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              },
            },
          },
        },
      ],
    },
  };
}

export const METALLB_CRDS: K8sObject[] = [
  crd(
    'IPAddressPool',
    'ipaddresspools',
    {
      type: 'object',
      required: ['addresses'],
      properties: {
        addresses: strings,
        autoAssign: { type: 'boolean' },
        avoidBuggyIPs: { type: 'boolean' },
        serviceAllocation: {
          type: 'object',
          properties: {
            priority: { type: 'integer' },
            namespaces: strings,
            namespaceSelectors: selectors,
            serviceSelectors: selectors,
          },
        },
      },
    },
    ['spec'],
  ),
  crd(
    'L2Advertisement',
    'l2advertisements',
    {
      type: 'object',
      properties: {
        ipAddressPools: strings,
        ipAddressPoolSelectors: selectors,
        nodeSelectors: selectors,
        interfaces: strings,
      },
    },
    [],
  ),
];
