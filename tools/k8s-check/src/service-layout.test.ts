import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatViolation } from './errors.js';
import { checkServiceLayout, mainProblem, ROLE_FILES } from './service-layout.js';

const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const MAIN = "// entry\nimport { runAgent } from '@ft/agent';\nimport { web } from './service.js';\n\nrunAgent(web);\n";
const scratch = mkdtempSync(join(tmpdir(), 'service-layout-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function service(name: string, files: readonly string[], main = MAIN): void {
  const src = join(scratch, 'services', name, 'src');
  mkdirSync(src, { recursive: true });
  for (const file of files) writeFileSync(join(src, file), file === 'main.ts' ? main : '');
}

describe('the services of this repository', () => {
  it('each have every role file and a two-line main.ts', () => {
    expect(checkServiceLayout(REPO).map(formatViolation)).toEqual([]);
  });
});

describe('checkServiceLayout', () => {
  it('names the role files a service lacks, and a main.ts that does more than run its definition', () => {
    service('whole', ROLE_FILES);
    service(
      'partial',
      ROLE_FILES.filter((f) => f !== 'checks.ts' && f !== 'collectors.ts'),
    );
    service('busy', ROLE_FILES, `${MAIN}console.log('started');\n`);
    expect(checkServiceLayout(scratch).map(formatViolation).sort()).toEqual([
      "SERVICE_MAIN Service/busy: main.ts must only import runAgent and the definition from './service.js' and run it",
      'SERVICE_ROLE_FILES Service/partial: src/ lacks checks.ts, collectors.ts',
    ]);
  });

  it('accepts comments in main.ts and refuses running another definition than the one imported', () => {
    expect(mainProblem(`/**\n * doc\n */\n${MAIN}`)).toBeUndefined();
    expect(mainProblem(MAIN.replace('runAgent(web)', 'runAgent(other)'))).toMatch(/runs other/);
  });
});
