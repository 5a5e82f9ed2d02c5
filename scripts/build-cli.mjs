// Builds the `coalition` command into dist/cli with esbuild: our TypeScript sources bundled, npm
// packages left in node_modules but for a few small pure-JavaScript ones (BUNDLED), ESM for Node 20,
// code splitting so that
// each command's implementation is a chunk loaded only when that command runs, source maps beside.
//
// The worker-thread entries (the analysis pool's worker, the LP reference's thread) are entries of
// the same build, and entries and chunks share one flat directory: the runner's code, in whichever
// chunk it lands, finds `new URL('./analysis-worker.js', import.meta.url)` beside itself.
//
// bin/coalition.mjs asks cliIsStale() on every run and builds first when the sources changed. The
// stamp lists the build's inputs (from esbuild's metafile) with their mtimes, so the check stats
// those files (a few milliseconds) instead of walking the tree.
//
// A build is written to a scratch directory and moved into place file by file with rename(2),
// chunks before the entries that import them, so a process starting during a rebuild (another
// terminal, a test) loads a whole build, old or new. Two builds at once are harmless: the same
// sources give the same files.
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Two levels below the root, like src/<folder>: paths the sources build from import.meta stay right. */
export const OUT_DIR = 'dist/cli';
const STAMP = 'build-stamp.json';
/** Files of an older build that no running process can still need are removed after this long. */
const PRUNE_AFTER_MS = 60 * 60 * 1000;

/**
 * Packages bundled into the build, though installed: ES modules of plain JavaScript with no files of
 * their own to find at run time and no dependencies. Kysely alone is some 290 modules, which Node
 * would otherwise find, read and link one by one in every command. Everything else stays in
 * node_modules: WASM, fonts, maps, workers and plugins are found beside their package's files, and
 * a CommonJS package bundled into ES modules cannot require Node's own modules.
 */
const BUNDLED = new Set(['kysely', 'zod', 'lru-cache']);

/** Output name (without .js) → source. The worker names are the ones the code looks for. */
export const ENTRIES = {
  main: 'src/cli/main.ts',
  'analysis-worker': 'src/app/analysis-worker.ts',
  'lp-reference-thread': 'src/app/lp-reference-thread.ts',
};

/**
 * True when dist/cli is missing, incomplete, or older than any file it was built from (or than this
 * script). A file counts as changed when its mtime differs from the one recorded, or is later than
 * the start of the build (edited while the build ran).
 */
export function cliIsStale(root = ROOT) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, OUT_DIR, STAMP), 'utf8'));
  } catch {
    return true;
  }
  if (typeof stamp?.startedAt !== 'number' || !isRecord(stamp.inputs) || !Array.isArray(stamp.outputs)) {
    return true;
  }
  try {
    for (const [file, mtimeMs] of Object.entries(stamp.inputs)) {
      const now = statSync(join(root, file)).mtimeMs;
      if (now !== mtimeMs || now > stamp.startedAt) return true;
    }
    for (const file of stamp.outputs) statSync(join(root, OUT_DIR, file));
  } catch {
    return true; // an input was deleted, or an output is missing
  }
  return false;
}

/** Builds dist/cli. Throws with esbuild's messages when the sources do not compile. */
export async function buildCli({ root = ROOT } = {}) {
  const { build } = await import('esbuild');
  const startedAt = Date.now();
  const out = join(root, OUT_DIR);
  // A sibling of dist/cli, so the relative paths inside the source maps stay right after the move.
  const scratch = join(root, 'dist', `.cli-${process.pid}-${startedAt}`);
  try {
    const result = await build({
      absWorkingDir: root,
      entryPoints: ENTRIES,
      outdir: scratch,
      entryNames: '[name]',
      chunkNames: 'chunk-[hash]',
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: Object.keys(
        JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies ?? {},
      ).filter((name) => !BUNDLED.has(name)),
      sourcemap: true,
      metafile: true,
      logLevel: 'silent',
    });
    const files = Object.keys(result.metafile.outputs).map((f) => relative(scratch, join(root, f)));
    const entryFiles = new Set(Object.keys(ENTRIES).map((name) => `${name}.js`));
    mkdirSync(out, { recursive: true });
    // Chunks and maps first, entries last: an entry in place means everything it imports is too.
    for (const f of [...files.filter((f) => !entryFiles.has(f)), ...files.filter((f) => entryFiles.has(f))]) {
      renameSync(join(scratch, f), join(out, f));
    }
    const inputs = {};
    const sources = [...Object.keys(result.metafile.inputs), relative(root, fileURLToPath(import.meta.url))];
    for (const file of sources.sort()) inputs[file] = statSync(join(root, file)).mtimeMs;
    const stampText = `${JSON.stringify({ startedAt, inputs, outputs: files.sort() }, null, 1)}\n`;
    writeFileSync(join(scratch, STAMP), stampText);
    renameSync(join(scratch, STAMP), join(out, STAMP));
    pruneOlderBuilds(out, new Set([...files, STAMP]));
    return { files, ms: Date.now() - startedAt };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Removes the chunks of earlier builds, once they are old: a command that started from the earlier
 * build a moment ago may still be about to load one of them (a command's chunk is loaded when it
 * runs).
 */
function pruneOlderBuilds(out, keep) {
  const now = Date.now();
  for (const f of readdirSync(out)) {
    if (keep.has(f)) continue;
    try {
      if (now - statSync(join(out, f)).mtimeMs > PRUNE_AFTER_MS) rmSync(join(out, f), { force: true });
    } catch {
      // removed by a build running at the same time
    }
  }
}

function isRecord(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// `node scripts/build-cli.mjs` (npm run build:cli)
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { files, ms } = await buildCli();
    console.log(`built ${OUT_DIR}: ${files.filter((f) => f.endsWith('.js')).length} files in ${ms} ms`);
  } catch (e) {
    console.error(`could not build the CLI:\n${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
