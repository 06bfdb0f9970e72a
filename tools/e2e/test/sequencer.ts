/**
 * Files in a fixed order, whatever vitest's timing cache says: any support code tests first, then
 * the evaluator's checks on the freshly started stack (which also asserts no restarts yet), then
 * the faults, then the load. Each file still only compares restart counts with what it read first.
 */
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const ORDER = ['e2e.test.ts', 'fault.test.ts', 'uploads-fault.test.ts', 'load.test.ts'];

const rank = (spec: TestSpecification): number => {
  const i = ORDER.indexOf(path.basename(spec.moduleId));
  return i === -1 ? -1 : i;
};

export default class E2eSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId));
  }
}
