/**
 * `npm run bench -- NAME [NAME…]` runs bench/NAME.ts, each exporting `run(): Promise<void>` that
 * prints one JSON line per figure (see emit.ts). With no name it lists the benchmarks.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'emit.ts'].includes(f) && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

const names = process.argv.slice(2);
if (names.length === 0) {
  process.stderr.write(`usage: npm run bench -- NAME…   (available: ${available.join(', ')})\n`);
  process.exit(2);
}
for (const name of names) {
  if (!available.includes(name)) {
    process.stderr.write(`unknown benchmark "${name}" (available: ${available.join(', ')})\n`);
    process.exit(2);
  }
}
for (const name of names) {
  const mod = (await import(join(here, `${name}.ts`))) as { run: () => Promise<void> };
  await mod.run();
}
