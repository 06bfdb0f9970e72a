/**
 * Unknown-field detection for built-in kinds. The Kubernetes OpenAPI spec does not forbid extra
 * properties, so kubernetes-models' validators accept `imagePulPolicy: Never` or a `readinessprobe`
 * silently, while `kubectl apply` (strict field validation, the default since 1.27) rejects them.
 * kubernetes-models' type declarations list every field of every type of the same spec, so the
 * TypeScript checker walks each object along its declared type and reports what it does not know.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { asRecord } from './manifest.js';

/** node_modules/kubernetes-models, found from this file upwards (workspace hoisting). */
function modelsRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'node_modules', 'kubernetes-models');
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('kubernetes-models is not installed (run npm install)');
    dir = parent;
  }
}

export type FieldChecker = (apiVersion: string, kind: string, obj: unknown) => string[];

/**
 * One TypeScript program over the declarations of the kinds given (apiVersion/kind pairs that
 * kubernetes-models has): building it costs a second or two, so it is built once per run.
 */
const checkers = new Map<string, FieldChecker>();

export function createFieldChecker(kinds: Array<{ apiVersion: string; kind: string }>): FieldChecker {
  const key = [...new Set(kinds.map((k) => `${k.apiVersion}/${k.kind}`))].sort().join(' ');
  let checker = checkers.get(key);
  if (!checker) {
    checker = buildFieldChecker(kinds);
    checkers.set(key, checker);
  }
  return checker;
}

function buildFieldChecker(kinds: Array<{ apiVersion: string; kind: string }>): FieldChecker {
  const root = modelsRoot();
  const files = new Map<string, string>();
  for (const { apiVersion, kind } of kinds) {
    const file = join(root, apiVersion, `${kind}.d.ts`);
    if (existsSync(file)) files.set(`${apiVersion}/${kind}`, file);
  }
  if (files.size === 0) return () => [];
  const program = ts.createProgram([...files.values()], {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();

  function declaredType(key: string, kind: string): ts.Type | undefined {
    const file = files.get(key);
    const source = file ? program.getSourceFile(file) : undefined;
    const moduleSymbol = source ? checker.getSymbolAtLocation(source) : undefined;
    const symbol = moduleSymbol ? checker.getExportsOfModule(moduleSymbol).find((s) => s.name === `I${kind}`) : undefined;
    return symbol ? checker.getDeclaredTypeOfSymbol(symbol) : undefined;
  }

  function walk(value: unknown, declared: ts.Type, path: string, out: string[]): void {
    let type = checker.getNonNullableType(declared);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
    if (Array.isArray(value)) {
      if (!checker.isArrayType(type)) return;
      const element = checker.getTypeArguments(type as ts.TypeReference)[0];
      if (element) value.forEach((item, i) => walk(item, element, `${path}/${i}`, out));
      return;
    }
    const record = asRecord(value);
    if (!record) return;
    if (type.isUnion()) {
      // e.g. IntOrString never holds an object; a union with one object member is that member.
      const objects = type.types.filter((t) => t.flags & ts.TypeFlags.Object);
      if (objects.length !== 1 || !objects[0]) return;
      type = objects[0];
    }
    if (!(type.flags & ts.TypeFlags.Object)) return;
    const index = checker.getIndexInfosOfType(type)[0];
    const known = checker.getPropertiesOfType(type).length;
    // An empty interface is how the generator writes a free-form value (JSONSchemaPropsOrArray, RawExtension).
    if (!index && known === 0) return;
    if (index && known === 0) {
      // A map (labels, annotations, ConfigMap data, resource lists): any key, typed values.
      for (const [key, item] of Object.entries(record)) walk(item, index.type, `${path}/${key}`, out);
      return;
    }
    for (const [key, item] of Object.entries(record)) {
      const prop = checker.getPropertyOfType(type, key);
      if (!prop) {
        if (!index) out.push(`${path}/${key}`);
        continue;
      }
      walk(item, checker.getTypeOfSymbol(prop), `${path}/${key}`, out);
    }
  }

  return (apiVersion, kind, obj) => {
    const type = declaredType(`${apiVersion}/${kind}`, kind);
    if (!type) return [];
    const out: string[] = [];
    walk(obj, type, '', out);
    return out;
  };
}
