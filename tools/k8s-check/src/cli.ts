#!/usr/bin/env node
/**
 * `node tools/k8s-check/dist/cli.js [--root DIR] [--dir KUSTOMIZATION]... [--only manifests,docker,shell,setup,faces]`
 * prints each violation as `<rule-id> <kind>/<name>: <message>` and exits 1 on any, 0 on none,
 * 2 on a usage error. Without --dir: every overlay under k8s/overlays (all rules) and k8s/base.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkRepository, PARTS, writePrivileges, type Part } from './check.js';
import { formatViolation, RULES } from './errors.js';

const USAGE =
  'usage: k8s-check [--root DIR] [--dir KUSTOMIZATION]... [--only manifests,docker,shell,setup,faces] [--rules] | k8s-check [--root DIR] --write-privileges';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        root: { type: 'string' },
        dir: { type: 'string', multiple: true },
        only: { type: 'string' },
        rules: { type: 'boolean' },
        'write-privileges': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.rules) {
    for (const [id, text] of Object.entries(RULES)) console.log(`${id}  ${text}`);
    return 0;
  }
  // dist/cli.js sits in tools/k8s-check/dist: the repository is three levels up.
  const root = resolve(values.root ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../..'));
  if (values['write-privileges']) {
    // What the local mode enforces, made from the rendering (K8S_PRIVILEGES compares them).
    const problems = await writePrivileges(root);
    for (const p of problems) console.error(`k8s-check: ${p}`);
    if (problems.length === 0) console.log('k8s-check: wrote tools/stack/container-privileges.json from kubectl kustomize k8s/base');
    return problems.length === 0 ? 0 : 1;
  }
  const parts = values.only?.split(',').map((p) => p.trim()) ?? PARTS;
  const unknown = parts.filter((p) => !PARTS.includes(p as Part));
  if (unknown.length > 0) {
    console.error(`unknown part(s) ${unknown.join(', ')}\n${USAGE}`);
    return 2;
  }
  const violations = await checkRepository({
    root,
    parts: parts as Part[],
    ...(values.dir ? { dirs: values.dir.map((d) => resolve(d)) } : {}),
  });
  for (const v of violations) console.log(formatViolation(v));
  console.log(violations.length === 0 ? 'k8s-check: no violations' : `k8s-check: ${violations.length} violation(s)`);
  return violations.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(2);
  },
);
