/**
 * `npm run bench [-- section ...]`: runs the benchmarks and rewrites BENCHMARKS.md with the
 * numbers, the machine they came from and the date. Each section is a module exporting one
 * async function that returns a markdown fragment; sections run one after another so they do
 * not disturb each other's timings.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sections } from './sections.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUTPUT = path.join(ROOT, 'BENCHMARKS.md');

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const memory = `${Math.round(os.totalmem() / 2 ** 30)} GiB`;
  let kernel = os.release();
  try {
    kernel = execFileSync('uname', ['-sr'], { encoding: 'utf8' }).trim();
  } catch {
    // uname is missing on some systems; os.release() is good enough then.
  }
  return `${os.cpus().length} × ${cpu}, ${memory} RAM, ${kernel}, Node ${process.version}`;
}

/** Keeps sections that were not re-run this time, so `npm run bench -- netease` updates one part. */
async function previousSections(): Promise<Map<string, string>> {
  const kept = new Map<string, string>();
  const text = await readFile(OUTPUT, 'utf8').catch(() => '');
  for (const block of text.split(/^(?=## )/m).slice(1)) {
    const title = block.split('\n', 1)[0]!.replace(/^## /, '').trim();
    kept.set(title, block.trimEnd());
  }
  return kept;
}

async function main() {
  const wanted = process.argv.slice(2);
  const chosen = wanted.length ? sections.filter((section) => wanted.includes(section.id)) : sections;
  if (wanted.length && chosen.length !== wanted.length) {
    const known = sections.map((section) => section.id).join(', ');
    throw new Error(`unknown section in ${wanted.join(', ')}; known: ${known}`);
  }
  const kept = await previousSections();
  const date = new Date().toISOString().slice(0, 10);
  for (const section of chosen) {
    process.stderr.write(`bench: ${section.id}…\n`);
    const started = performance.now();
    const body = await section.run();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    kept.set(
      section.title,
      `## ${section.title}\n\n_${date}, ${machine()}; took ${seconds} s._\n\n${body.trim()}`,
    );
    process.stderr.write(`bench: ${section.id} done in ${seconds} s\n`);
  }
  const ordered = sections.map((section) => kept.get(section.title)).filter(Boolean);
  const header = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (or `npm run bench -- <section>` for one part). Medians and',
    'ratios are quoted because these machines are shared and noisy; each section says when and',
    'where it was measured.',
  ].join('\n');
  await writeFile(OUTPUT, `${header}\n\n${ordered.join('\n\n')}\n`);
  process.stderr.write(`bench: wrote ${path.relative(process.cwd(), OUTPUT)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
