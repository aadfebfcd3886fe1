// Adds lockfile entries for optional per-platform packages that the registry this lockfile was
// made with does not serve (e.g. a mirror holding only Linux builds). npm install skips such
// packages without a trace, and `npm ci` then refuses the lockfile as "Missing: …". The entries
// carry name, version, os, cpu and libc only, so npm skips them on other platforms and fetches
// them by version where they apply. Run after changing dependencies:
//   npm install && node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const PLATFORM =
  /-(android|darwin|linux|win32|freebsd|openbsd|sunos|aix)-(arm64|x64|arm|ia32|ppc64|s390x|riscv64)(?:-(musl|gnu|msvc))?$/;
let added = 0;

for (const [where, meta] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = `${where ? `${where}/` : ''}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[nested] || packages[hoisted]) continue;
    const platform = PLATFORM.exec(name);
    if (!platform) {
      console.warn(`left alone: ${name} (optional, not a per-platform build)`);
      continue;
    }
    const [, os, cpu, libc] = platform;
    packages[hoisted] = {
      version,
      cpu: [cpu],
      ...(meta.dev ? { dev: true } : {}),
      ...(libc === 'musl' || libc === 'gnu' ? { libc: [libc === 'gnu' ? 'glibc' : 'musl'] } : {}),
      optional: true,
      os: [os],
    };
    added++;
  }
}

const root = packages[''];
const rest = Object.entries(packages)
  .filter(([key]) => key !== '')
  .sort(([a], [b]) => a.localeCompare(b));
lock.packages = Object.fromEntries([['', root], ...rest]);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} per-platform entr${added === 1 ? 'y' : 'ies'}`);
