// `node <bundle> <dir>`: the nx build target runs this to write dist/*.json.
import { writeDashboards } from './generate.js';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: generate <output dir>\n');
  process.exit(2);
}
writeDashboards(dir).then(
  (files) => process.stdout.write(`wrote ${files.length} dashboards to ${dir}\n`),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
