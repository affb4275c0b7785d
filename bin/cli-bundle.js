// The CLI precompiled: jobs/cli.ts and everything it imports from this repository bundled into one
// ES module by esbuild (installed with tsx and vite), cached under node_modules/.cache/allmende-cli/
// and rebuilt when any of its source files changed (size or modification time, checked at every
// start). Packages stay external and load from node_modules as usual. Starting through tsx instead
// compiles and resolves every TypeScript module at every start (about 1 s); bin/allmende.js falls
// back to that when the bundle cannot be built or written, or when ALLMENDE_NO_BUNDLE is set.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'allmende-cli');
const SELF = fileURLToPath(import.meta.url);

/**
 * [modification time, size] of a file, or null when it is gone.
 * @param {string} file
 * @returns {[number, number] | null}
 */
function signature(file) {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat ? [stat.mtimeMs, stat.size] : null;
}

/** @param {string} cache */
function files(cache) {
  return { BUNDLE: join(cache, 'cli.mjs'), MANIFEST: join(cache, 'manifest.json') };
}

/** @param {string} cache */
function isFresh(cache) {
  const { BUNDLE, MANIFEST } = files(cache);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return false;
  }
  if (manifest.node !== process.version || !signature(BUNDLE)) return false;
  for (const [file, expected] of Object.entries(manifest.inputs)) {
    const actual = signature(resolve(ROOT, file));
    if (!actual || actual[0] !== expected[0] || actual[1] !== expected[1]) return false;
  }
  return true;
}

/** @param {string} cache */
async function build(cache) {
  const { BUNDLE, MANIFEST } = files(cache);
  const { build: esbuild } = await import('esbuild');
  const started = Date.now();
  // Each module keeps its own import.meta.url (the migrations folder, the repository root and
  // createRequire are found relative to the source file, not to the bundle).
  /** @type {import('esbuild').Plugin} */
  const keepMetaUrl = {
    name: 'keep-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.[cm]?ts$/ }, (args) => ({
        contents: readFileSync(args.path, 'utf8').replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(args.path).href)),
        loader: 'ts'
      }));
    }
  };
  const result = await esbuild({
    entryPoints: [join(ROOT, 'jobs', 'cli.ts')],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [keepMetaUrl]
  });
  /** @type {Record<string, [number, number] | null>} */
  const inputs = {};
  for (const file of [...Object.keys(result.metafile.inputs), relative(ROOT, SELF)]) inputs[file] = signature(resolve(ROOT, file));
  // A file changed while esbuild read it: use this bundle once, build again at the next start.
  const settled = Object.values(inputs).every((s) => s && s[0] < started);
  mkdirSync(cache, { recursive: true });
  // Written aside and renamed, so that a process starting at the same time never reads half a file.
  const tmp = `.${process.pid}.tmp`;
  writeFileSync(BUNDLE + tmp, result.outputFiles[0].contents);
  renameSync(BUNDLE + tmp, BUNDLE);
  if (!settled) return;
  writeFileSync(MANIFEST + tmp, JSON.stringify({ node: process.version, inputs }));
  renameSync(MANIFEST + tmp, MANIFEST);
}

/**
 * The URL of the bundled CLI, built first when missing or stale; null when it cannot be had.
 * @param {string} [cache] the cache directory (tests use their own)
 * @returns {Promise<string | null>}
 */
export async function bundledCli(cache = CACHE) {
  if (process.env.ALLMENDE_NO_BUNDLE) return null;
  try {
    if (!isFresh(cache)) await build(cache);
    return pathToFileURL(files(cache).BUNDLE).href;
  } catch {
    return null;
  }
}
