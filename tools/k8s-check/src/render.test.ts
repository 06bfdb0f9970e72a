// Rendering: real `kubectl kustomize` on the fixture, YAML parsing, and the clear failure when
// kubectl is not installed (it is not a Debian 12 package).
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_DIR, REPO_ROOT, rules } from '../test/support.js';
import { checkManifests } from './check.js';
import { kindOf } from './manifest.js';
import { parseManifests, renderKustomization, RenderError, requireKubectl, ToolMissingError } from './render.js';

const dir = mkdtempSync(join(tmpdir(), 'k8s-check-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('render', () => {
  it('renders the fixture with kubectl kustomize', async () => {
    const objects = await renderKustomization(FIXTURE_DIR);
    expect(objects.filter((o) => kindOf(o) === 'Service')).toHaveLength(7);
    expect(objects.filter((o) => kindOf(o) === 'CustomResourceDefinition')).toHaveLength(2);
  });

  it('parses multi-document YAML, skipping empty documents and flattening a List', () => {
    const text = '---\n# only a comment\n---\nkind: ConfigMap\nmetadata: {name: a}\n---\nkind: List\nitems:\n- {kind: Secret, metadata: {name: b}}\n';
    expect(parseManifests(text).map(kindOf)).toEqual(['ConfigMap', 'Secret']);
    expect(() => parseManifests('kind: [unclosed\n')).toThrow(RenderError);
    expect(() => parseManifests('- a\n- b\n')).toThrow(/not an object/);
  });

  it('K8S_RENDER: a kustomization that does not build', async () => {
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n  - missing.yaml\n');
    await expect(renderKustomization(dir)).rejects.toThrow(RenderError);
    const violations = await checkManifests(REPO_ROOT, [{ dir, complete: true }]);
    expect(rules(violations)).toEqual(['K8S_RENDER']);
    expect(violations[0]?.message).toMatch(/missing\.yaml/);
  });

  it('TOOL_MISSING: says to install kubectl when it is not on PATH', async () => {
    const empty = mkdtempSync(join(dir, 'empty-'));
    const error = await renderKustomization(FIXTURE_DIR, { PATH: empty }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolMissingError);
    expect(String((error as Error).message)).toMatch(/kubectl is not installed.*install kubectl/);
    const saved = process.env.PATH;
    process.env.PATH = empty;
    try {
      const violations = await checkManifests(REPO_ROOT, [{ dir: FIXTURE_DIR, complete: true }]);
      expect(violations.map((v) => `${v.rule} ${v.kind}/${v.name}`)).toEqual(['TOOL_MISSING Tool/kubectl']);
    } finally {
      process.env.PATH = saved;
    }
  });

  it("accepts this machine's kubectl and refuses one too old for k8s/'s kustomize", async () => {
    expect(await requireKubectl()).toMatch(/^v1\./);
    const bin = join(dir, 'old-kubectl');
    mkdirSync(bin);
    // Debian 12's kubernetes-client: kubectl 1.20, kustomize v2.
    writeFileSync(join(bin, 'kubectl'), '#!/bin/sh\necho \'{"clientVersion":{"major":"1","minor":"20","gitVersion":"v1.20.2"}}\'\n');
    chmodSync(join(bin, 'kubectl'), 0o755);
    await expect(requireKubectl({ PATH: bin })).rejects.toThrow(/kubectl v1\.20\.2 is too old \(need 1\.27\+\).*install kubectl/);
  });
});
