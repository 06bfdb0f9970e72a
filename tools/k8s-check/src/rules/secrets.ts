/**
 * Secrets stay out of the manifests (SPEC.md: generated at setup, given to pods as Secrets that
 * setup.sh creates): no Secret carrying data, no password-like literal in env or a ConfigMap, no
 * private key anywhere; and pods reference only the Secrets setup.sh creates.
 */
import { violation, type Violation } from '../errors.js';
import { asRecord, asRecords, asString, containersOf, get, initContainersOf, kindOf, nameOf, podSpecOf, type K8sObject } from '../manifest.js';
import { allowedSecretNames } from '../platform.js';
import { platformPodOwners } from './workloads.js';

/** Names that hold a secret value: passwords, salts, keys, tokens. */
const SECRET_NAME = /(PASS(WORD|WD)?|SECRET|TOKEN|SALT|PRIVATE|CREDENTIAL|(^|_)KEYS?($|_))/i;
/** ...unless the variable names where the secret is, not the secret (TLS_KEY_FILE, *_PATH). */
const REFERENCE_SUFFIX = /_(FILE|PATH|DIR|NAME|REF|USER)$/i;

export function looksSecret(name: string): boolean {
  return SECRET_NAME.test(name) && !REFERENCE_SUFFIX.test(name);
}

const PEM_PRIVATE = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
/** "-----BEGIN" in base64 at the three possible alignments' common prefix. */
const PEM_BASE64 = /LS0tLS1CRUdJTi[A-Za-z0-9+/=]+/g;
const JSON_PASSWORD = /"(password|pass|secret|user_pass)"\s*:\s*"[^"]+"/i;

function containsPrivateKey(text: string): boolean {
  if (PEM_PRIVATE.test(text)) return true;
  for (const match of text.matchAll(PEM_BASE64)) {
    if (PEM_PRIVATE.test(Buffer.from(match[0], 'base64').toString('latin1'))) return true;
  }
  return false;
}

function strings(value: unknown, path: string, out: Array<[string, string]>): void {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}/${i}`, out));
  else {
    const record = asRecord(value);
    if (record) for (const [k, v] of Object.entries(record)) strings(v, `${path}/${k}`, out);
  }
}

export function checkSecretValues(objects: K8sObject[]): Violation[] {
  const out: Violation[] = [];
  for (const obj of objects) {
    const kind = kindOf(obj);
    const name = nameOf(obj);
    if (kind === 'Secret') {
      for (const field of ['data', 'stringData']) {
        const data = asRecord(obj[field]);
        if (data && Object.keys(data).length > 0) {
          out.push(
            violation('K8S_SECRET_VALUE', kind, name, `carries ${field} (${Object.keys(data).join(', ')}); setup.sh creates Secrets from generated values`),
          );
        }
      }
    }
    if (kind === 'ConfigMap') {
      for (const [key, value] of Object.entries(asRecord(obj.data) ?? {})) {
        if (looksSecret(key) && typeof value === 'string' && value !== '') {
          out.push(violation('K8S_SECRET_VALUE', kind, name, `data ${key} looks like a secret; put it in a Secret`));
        } else if (typeof value === 'string' && JSON_PASSWORD.test(value)) {
          out.push(violation('K8S_SECRET_VALUE', kind, name, `data ${key} holds a password in JSON`));
        }
      }
    }
    const spec = podSpecOf(obj);
    for (const container of [...containersOf(spec), ...initContainersOf(spec)]) {
      for (const env of asRecords(container.env)) {
        const envName = asString(env.name) ?? '';
        const value = env.value;
        if (value === undefined || value === '') continue;
        if (looksSecret(envName) || (typeof value === 'string' && JSON_PASSWORD.test(value))) {
          out.push(
            violation(
              'K8S_SECRET_VALUE',
              kind,
              name,
              `container ${asString(container.name) ?? '?'}: env ${envName} has a literal value; take it from a Secret`,
            ),
          );
        }
      }
    }
    const found: Array<[string, string]> = [];
    strings(obj, '', found);
    for (const [path, text] of found) {
      if (containsPrivateKey(text)) out.push(violation('K8S_SECRET_VALUE', kind, name, `${path} holds a private key`));
    }
  }
  return out;
}

export function checkSecretRefs(objects: K8sObject[]): Violation[] {
  const allowed = allowedSecretNames();
  const out: Violation[] = [];
  for (const owner of platformPodOwners(objects)) {
    const spec = podSpecOf(owner);
    const refs: string[] = [];
    for (const container of [...containersOf(spec), ...initContainersOf(spec)]) {
      for (const env of asRecords(container.env)) {
        const ref = asString(get(env, 'valueFrom', 'secretKeyRef', 'name'));
        if (ref) refs.push(ref);
      }
      for (const from of asRecords(container.envFrom)) {
        const ref = asString(get(from, 'secretRef', 'name'));
        if (ref) refs.push(ref);
      }
    }
    for (const volume of asRecords(spec?.volumes)) {
      const ref = asString(get(volume, 'secret', 'secretName'));
      if (ref) refs.push(ref);
      for (const source of asRecords(get(volume, 'projected', 'sources'))) {
        const projected = asString(get(source, 'secret', 'name'));
        if (projected) refs.push(projected);
      }
    }
    for (const ref of new Set(refs)) {
      if (!allowed.has(ref)) {
        out.push(
          violation(
            'K8S_SECRET_REF',
            kindOf(owner),
            nameOf(owner),
            `references Secret ${ref}, which setup.sh does not create (it creates ${[...allowed].join(', ')})`,
          ),
        );
      }
    }
  }
  return out;
}
