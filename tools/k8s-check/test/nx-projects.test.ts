// The nx preset on the REAL repository (tools/nx-plugin): every project gets its targets and its
// module-boundary tag from the one plugin, and no project carries a copy of a shared config again.
// nx itself computes the graph (`nx graph --file`), so a plugin nx.json stops loading fails here too.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support.js';

interface GraphTarget {
  options?: { command?: string };
  metadata?: { description?: string };
}
interface GraphNode {
  name: string;
  data: { root: string; tags?: string[]; targets?: Record<string, GraphTarget> };
}

const scratch = mkdtempSync(join(tmpdir(), 'nx-projects-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every folder that holds a workspace package (npm's workspaces in the root package.json). */
function projectRoots(): string[] {
  const roots = ['bench'];
  for (const folder of ['packages', 'services', 'tools']) {
    for (const name of readdirSync(join(REPO_ROOT, folder))) {
      if (existsSync(join(REPO_ROOT, folder, name, 'package.json'))) roots.push(`${folder}/${name}`);
    }
  }
  return roots.sort();
}

const KIND: Record<string, string> = { packages: 'package', services: 'service', tools: 'tool', bench: 'bench' };

let nodes: GraphNode[] = [];
beforeAll(async () => {
  const file = join(scratch, 'graph.json');
  await promisify(execFile)(join(REPO_ROOT, 'node_modules/.bin/nx'), ['graph', `--file=${file}`], {
    cwd: REPO_ROOT,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
  const graph = JSON.parse(readFileSync(file, 'utf8')) as { graph: { nodes: Record<string, GraphNode> } };
  nodes = Object.values(graph.graph.nodes);
}, 300_000);

describe('the nx projects', () => {
  it('are exactly the workspace packages', () => {
    expect(nodes.map((n) => n.data.root).sort()).toEqual(projectRoots());
  });

  it('each carry the type tag of their folder and the lint, typecheck and test targets', () => {
    for (const { name, data } of nodes) {
      const kind = KIND[data.root.split('/')[0] ?? ''];
      expect(data.tags, name).toContain(`type:${kind}`);
      expect(data.targets?.lint?.options?.command, name).toBe('eslint .');
      expect(data.targets?.typecheck?.options?.command, name).toBe('tsc -p tsconfig.json');
      expect(data.targets?.test?.options?.command, name).toMatch(/^vitest run\b/);
    }
  });

  it('build every service into dist/agent.js and give it a docker-build', () => {
    const services = nodes.filter((n) => n.data.root.startsWith('services/'));
    expect(services).toHaveLength(7);
    for (const { name, data } of services) {
      expect(data.targets?.build?.options?.command, name).toMatch(/^tsup\b/);
      expect(data.targets?.['docker-build']?.options?.command, name).toBe(`bash tools/docker-build.sh ${data.root.slice('services/'.length)}`);
    }
  });
});

describe('the plugin', () => {
  it('type-checks (plain JavaScript that nx loads as it is, checked by tsc)', { timeout: 120_000 }, async () => {
    const tsc = join(REPO_ROOT, 'node_modules/.bin/tsc');
    await expect(promisify(execFile)(tsc, ['-p', 'tools/nx-plugin'], { cwd: REPO_ROOT })).resolves.toBeDefined();
  });
});

describe('the shared configuration', () => {
  it('is not copied: a tsconfig.json only extends tsconfig.base.json', () => {
    for (const root of projectRoots()) {
      const config = JSON.parse(readFileSync(join(REPO_ROOT, root, 'tsconfig.json'), 'utf8')) as unknown;
      expect(config, root).toEqual({ extends: root === 'bench' ? '../tsconfig.base.json' : '../../tsconfig.base.json' });
    }
  });

  it("is not copied: a project's vitest.config.ts exists only to add settings to the root one", () => {
    for (const root of projectRoots()) {
      const file = join(REPO_ROOT, root, 'vitest.config.ts');
      if (!existsSync(file)) continue;
      const text = readFileSync(file, 'utf8').replace(/\s+/g, '');
      expect(text, root).not.toMatch(/mergeConfig\(shared,\{\}\)|export\{default\}from/);
    }
  });

  it('is not copied: each target a project.json still declares says why it differs', () => {
    for (const root of projectRoots()) {
      const file = join(REPO_ROOT, root, 'project.json');
      if (!existsSync(file)) continue;
      const project = JSON.parse(readFileSync(file, 'utf8')) as { targets?: Record<string, GraphTarget> };
      for (const [target, config] of Object.entries(project.targets ?? {})) {
        expect(config.metadata?.description, `${root} ${target}`).toMatch(/\w/);
      }
    }
  });
});
