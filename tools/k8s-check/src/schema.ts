/**
 * Schema validation of every rendered object.
 * - Built-in kinds: the validators kubernetes-models generates from the Kubernetes OpenAPI spec
 *   (types, enums, required fields, formats), loaded per apiVersion/kind, plus the unknown-field
 *   check of fields.ts (the OpenAPI spec allows extra fields; kubectl's strict validation does not).
 * - Custom resources (MetalLB's): the openAPIV3Schema of their CustomResourceDefinition, from the
 *   rendering itself, from extra CRD files (vendored upstream manifests), or else metallb.ts's
 *   schema of MetalLB's documented fields, with ajv; fields the
 *   structural schema does not declare are errors too (the API server would prune or reject them).
 * - Anything else is an unknown kind: an error, never a silent pass.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { violation, type Violation } from './errors.js';
import { createFieldChecker } from './fields.js';
import { asRecord, asRecords, asString, get, kindOf, nameOf, type Json, type K8sObject } from './manifest.js';
import { METALLB_CRDS } from './metallb.js';

interface ModelClass {
  apiVersion?: unknown;
  kind?: unknown;
  new (data: Json): { validate(): void };
}

interface ValidationFailure {
  errors?: Array<{ instancePath?: string; message?: string; params?: Json; keyword?: string }>;
  message: string;
}

/** `apps/v1` + `Deployment` -> `kubernetes-models/apps/v1/Deployment`; core `v1` -> `kubernetes-models/v1/...`. */
export function modelModule(apiVersion: string, kind: string): string | undefined {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
  if (!/^([a-z0-9][a-z0-9.-]*\/)?v[0-9]+((alpha|beta)[0-9]+)?$/.test(apiVersion)) return undefined;
  return `kubernetes-models/${apiVersion}/${kind}`;
}

const modelCache = new Map<string, Promise<ModelClass | undefined>>();

async function loadModel(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  const specifier = modelModule(apiVersion, kind);
  if (!specifier) return undefined;
  let pending = modelCache.get(specifier);
  if (!pending) {
    pending = import(specifier).then(
      (mod: Record<string, unknown>) => {
        const cls = mod[kind] as ModelClass | undefined;
        // Sub-types (Container, PodSpec...) have models too, but no apiVersion/kind of their own.
        return typeof cls === 'function' && cls.apiVersion === apiVersion && cls.kind === kind ? cls : undefined;
      },
      () => undefined,
    );
    modelCache.set(specifier, pending);
  }
  return pending;
}

function describe(errors: Array<{ instancePath?: string; message?: string; params?: Json }>): string {
  return errors
    .slice(0, 5)
    .map((e) => {
      const allowed = e.params?.allowedValues;
      const extra = Array.isArray(allowed) ? ` (${allowed.join(', ')})` : '';
      return `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${extra}`;
    })
    .join('; ');
}

/** The CRDs known for custom resources: `group/version/Kind` -> compiled strict schema. */
export class CrdRegistry {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  private readonly validators = new Map<string, ValidateFunction>();

  add(crd: K8sObject): void {
    const group = asString(get(crd, 'spec', 'group'));
    const kind = asString(get(crd, 'spec', 'names', 'kind'));
    if (!group || !kind) return;
    for (const version of asRecords(get(crd, 'spec', 'versions'))) {
      const schema = asRecord(get(version, 'schema', 'openAPIV3Schema'));
      const name = asString(version.name);
      if (!schema || !name) continue;
      this.validators.set(`${group}/${name}/${kind}`, this.ajv.compile(strictStructural(schema)));
    }
  }

  get(apiVersion: string, kind: string): ValidateFunction | undefined {
    return this.validators.get(`${apiVersion}/${kind}`);
  }
}

/**
 * A structural schema made strict: objects that list their properties accept no others, unless
 * the schema says it keeps unknown fields. metadata stays open (ObjectMeta is not in CRD schemas).
 */
export function strictStructural(schema: Json, path = ''): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties') {
      const props: Json = {};
      for (const [prop, sub] of Object.entries(asRecord(value) ?? {})) {
        const subSchema = asRecord(sub);
        props[prop] = subSchema && !(path === '' && prop === 'metadata') ? strictStructural(subSchema, `${path}/${prop}`) : sub;
      }
      out.properties = props;
    } else if (key === 'items' || key === 'additionalProperties') {
      const sub = asRecord(value);
      out[key] = sub ? strictStructural(sub, `${path}/*`) : value;
    } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
      out[key] = asRecords(value).map((s) => strictStructural(s, path));
    } else {
      out[key] = value;
    }
  }
  if (out.properties && out.additionalProperties === undefined && schema['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

function crdErrors(obj: K8sObject, errors: ErrorObject[]): Violation[] {
  const unknown = errors.filter((e) => e.keyword === 'additionalProperties');
  const other = errors.filter((e) => e.keyword !== 'additionalProperties');
  const out: Violation[] = [];
  for (const e of unknown) {
    const field = `${e.instancePath}/${String(e.params.additionalProperty)}`;
    out.push(violation('K8S_UNKNOWN_FIELD', kindOf(obj), nameOf(obj), `${field} is not a field of ${kindOf(obj)} (its CRD)`));
  }
  if (other.length > 0) {
    out.push(violation('K8S_SCHEMA', kindOf(obj), nameOf(obj), `invalid against its CRD schema: ${describe(other)}`));
  }
  return out;
}

export async function validateSchemas(objects: K8sObject[], extraCrds: K8sObject[] = []): Promise<Violation[]> {
  const crds = new CrdRegistry();
  // Later definitions win: MetalLB's documented fallback, then vendored CRDs, then the rendering's own.
  for (const crd of [...METALLB_CRDS, ...extraCrds, ...objects.filter((o) => kindOf(o) === 'CustomResourceDefinition')]) {
    crds.add(crd);
  }
  const builtIn: Array<{ apiVersion: string; kind: string }> = [];
  for (const obj of objects) {
    const apiVersion = asString(obj.apiVersion);
    const kind = asString(obj.kind);
    if (apiVersion && kind && (await loadModel(apiVersion, kind))) builtIn.push({ apiVersion, kind });
  }
  const unknownFields = createFieldChecker(builtIn);
  const out: Violation[] = [];
  for (const obj of objects) {
    const apiVersion = asString(obj.apiVersion);
    const kind = asString(obj.kind);
    if (!apiVersion || !kind) {
      out.push(violation('K8S_SCHEMA', kindOf(obj), nameOf(obj), 'apiVersion and kind are required'));
      continue;
    }
    const model = await loadModel(apiVersion, kind);
    if (model) {
      try {
        new model(obj).validate();
      } catch (error) {
        const failure = error as ValidationFailure;
        out.push(violation('K8S_SCHEMA', kind, nameOf(obj), describe(failure.errors ?? [{ message: failure.message }])));
      }
      for (const field of unknownFields(apiVersion, kind, obj)) {
        out.push(violation('K8S_UNKNOWN_FIELD', kind, nameOf(obj), `${field} is not a field of ${apiVersion} ${kind}`));
      }
      continue;
    }
    const crdValidate = crds.get(apiVersion, kind);
    if (crdValidate) {
      if (!crdValidate(obj)) out.push(...crdErrors(obj, crdValidate.errors ?? []));
      continue;
    }
    out.push(
      violation('K8S_UNKNOWN_KIND', kind, nameOf(obj), `${apiVersion} ${kind} is neither a Kubernetes kind of kubernetes-models nor defined by a known CRD`),
    );
  }
  return out;
}
