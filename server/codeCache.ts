// Loading a command's bundle with a V8 code cache, for short commands that editors and pre-commit hooks
// run over and over (`lean-author validate`). Without one, every run compiles the bundle and, while
// it validates the first file, each function the rules call: about 25 ms of a 150 ms run.
//
// The cache is taken after the command has run (`saveCodeCaches`), so it holds the functions compiled
// lazily during the run too, not only the bundle's top level. V8 checks a cache against the source
// and its own version and flags and rejects one that does not fit; then the bundle compiles as usual
// and a fresh cache replaces the old. Any failure to read or write a cache only costs the speed.
//
// Why not a library: v8-compile-cache patches every require() in the process and takes its caches
// right after compiling, without the lazily compiled functions. Node 22's module.enableCompileCache()
// is the built-in answer, but this project runs on Node 20 (and VS Code's Electron).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Module } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { Script } from 'node:vm';

interface Pending {
  script: Script;
  cacheFile: string;
  /** The start of every cache name of this bundle: older builds' caches are removed. */
  prefix: string;
}

const pending: Pending[] = [];

/**
 * The cache folder: `LEAN_AUTHOR_CODE_CACHE` (empty turns caching off), else `$XDG_CACHE_HOME/lean-author`,
 * else `~/.cache/lean-author`. A per-user folder, never a shared temporary one: a cache is compiled
 * code that the process runs.
 */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env['LEAN_AUTHOR_CODE_CACHE'];
  if (configured !== undefined) return configured === '' ? undefined : configured;
  const base = env['XDG_CACHE_HOME'] || path.join(homedir(), '.cache');
  return path.join(base, 'lean-author', 'code-cache');
}

/**
 * Loads the CommonJS bundle `file` like require() does, through a code cache when there is one.
 * `saveCodeCaches` writes the caches that were missing or rejected.
 */
export function requireWithCodeCache(file: string, dir = codeCacheDir()): unknown {
  if (!dir) return require(file);
  // A shebang line (the CLI bundles' banner) is a comment to require(), a syntax error to a Script.
  const source = readFileSync(file, 'utf8').replace(/^#!/, '//');
  const stat = statSync(file);
  // The bundle's size and time in the name: a rebuilt bundle gets a new cache rather than a rejected one.
  const prefix = `${path.basename(file, '.js')}-`;
  const key = `${prefix}${stat.size}-${Math.trunc(stat.mtimeMs)}-${process.version}-${process.arch}.v8cache`;
  const cacheFile = path.join(dir, key);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) pending.push({ script, cacheFile, prefix });
  const module = new Module(file, require.main);
  module.filename = file;
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: Module,
    filename: string,
    dirname: string,
  ) => void;
  const moduleRequire = Module.createRequire(file);
  wrapper.call(module.exports, module.exports, moduleRequire, module, file, path.dirname(file));
  module.loaded = true;
  return module.exports;
}

/** Writes the caches of the bundles loaded without a usable one. Call it once the command has run. */
export function saveCodeCaches(): void {
  for (const { script, cacheFile, prefix } of pending.splice(0)) {
    try {
      const dir = path.dirname(cacheFile);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      for (const old of readdirSync(dir)) {
        if (old.startsWith(prefix) && old !== path.basename(cacheFile)) rmSync(path.join(dir, old), { force: true });
      }
      // Written aside and renamed: a run that starts meanwhile sees the whole cache or none.
      const partial = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
      renameSync(partial, cacheFile);
    } catch {
      // A cache is only for speed.
    }
  }
}
