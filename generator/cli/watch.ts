import { statSync, watch, type FSWatcher } from "node:fs";
import { basename, dirname, join } from "node:path";
import { noCache, openTransformCache, type TransformCache } from "../cache/transform-cache.js";
import { printable } from "../diagnostics/diagnostic.js";
import { ConfigError, configFileName, findConfig } from "../load/config.js";
import { runGenerate } from "../run-generate.js";
import { resolveTarget, runAndReport, type GenerateFlags, type GenerateTarget } from "./generate.js";
import type { CliIo } from "./io.js";

/** Events closer together than this are one change (an editor's save is a write, a rename, a chmod…). */
export const watchDebounceMs = 60;

/** The signals a watch stops on; tests pass an emitter of their own. */
export interface SignalSource {
  once(signal: "SIGINT" | "SIGTERM", listener: () => void): unknown;
  removeListener(signal: "SIGINT" | "SIGTERM", listener: () => void): unknown;
}

/**
 * `generate --watch`: one run, then one on every change of the definitions folder (its top level,
 * schemas/ and resource-types/, where the loader reads) and of the config file. The process stays warm
 * (modules loaded, JIT compiled, the transform cache in memory), so a run after a save costs only the
 * work that changed. A failed run leaves the output folder as it was (the pipeline writes nothing on
 * invalid definitions) and the watch goes on. SIGINT and SIGTERM stop it after the run in progress, so the
 * output lock, held only during a run, is released; resolves to 0 then.
 */
export async function watchCommand(flags: GenerateFlags, cwd: string, io: CliIo, signals: SignalSource = process): Promise<number> {
  let target: GenerateTarget | undefined;
  let cache: TransformCache = noCache;
  let cacheFor: string | undefined;
  let watchers: FSWatcher[] = [];
  let watchedKey = "";
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopping = false;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));

  const args = [...(flags.definitions === undefined ? [] : ["--definitions", flags.definitions]), ...(flags.out === undefined ? [] : ["--out", flags.out]), ...(flags.noCache ? ["--no-cache"] : [])];

  const closeWatchers = (): void => {
    for (const w of watchers) w.close();
    watchers = [];
    watchedKey = "";
  };

  /**
   * Watches the folders a run reads; re-done before and after every run, as folders come and go. A folder
   * is known by its identity (device and inode), not only its path: one deleted and made again under the
   * same name (a `git checkout`, a copy over it) is a new folder, and a watcher on the old one never fires.
   */
  const rewatch = async (afterRun: boolean): Promise<void> => {
    const definitions = target?.options.definitionsDir ?? join(cwd, flags.definitions ?? "definitions");
    const config = (await findConfig(cwd).catch(() => undefined))?.file;
    // YAML files and the two sub-folders: an editor's swap and backup files start no run.
    const definitionEntry = (name: string): boolean => /\.ya?ml$/i.test(name) || name === "schemas" || name === "resource-types";
    const folders: [string, (name: string) => boolean][] = [
      [definitions, definitionEntry],
      [join(definitions, "schemas"), definitionEntry],
      [join(definitions, "resource-types"), definitionEntry],
      // The folder above, for the definitions folder itself appearing, going or being replaced.
      [dirname(definitions), (name) => name === basename(definitions)],
    ];
    if (config) folders.push([dirname(config), (name) => name === configFileName]);
    const identity = (folder: string): string => {
      try {
        const s = statSync(folder);
        return `${s.dev}:${s.ino}`;
      } catch {
        return "absent";
      }
    };
    const identities = (): string => JSON.stringify(folders.map(([f]) => [f, identity(f)]));
    const key = identities();
    if (key === watchedKey) return;
    const wasArmed = watchedKey !== "";
    // The new watchers are armed before the old ones close, so no moment is unwatched.
    const old = watchers;
    watchers = [];
    for (const [folder, relevant] of folders) {
      try {
        const w = watch(folder, { persistent: true }, (_event, name) => {
          if (name === null || relevant(String(name))) schedule();
        });
        w.on("error", () => schedule());
        watchers.push(w);
      } catch {
        // Not there (yet): the next run's rewatch picks it up when it appears.
      }
    }
    // Closing a watcher drops the events it has seen and not yet delivered: the replacement that moved
    // the identities may be one of them. After a run, a moved identity is a change the run may not have
    // read, so it starts another run (before a run, the run itself reads after the arming). A folder made,
    // removed or replaced between reading the identities and arming is a change no watcher saw either.
    for (const w of old) w.close();
    watchedKey = key;
    if ((afterRun && wasArmed) || identities() !== key) schedule();
  };

  const runOnce = async (): Promise<void> => {
    try {
      target = await resolveTarget(flags, cwd);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      io.stderr(`scim-codegen: ${err.message}\n`);
      return;
    }
    // One cache per definitions folder for the whole watch: warm in memory, flushed after each run.
    const { cacheDir, definitionsDir } = target.options;
    const cacheKey = `${cacheDir ?? ""}\0${definitionsDir}`;
    let first = false;
    if (cacheKey !== cacheFor) {
      await cache.flush();
      cache = cacheDir ? await openTransformCache(cacheDir, definitionsDir) : noCache;
      cacheFor = cacheKey;
      first = true;
    }
    // Written to disk after the first run and when the watch stops, not after every run: the file
    // holds every entry, and rewriting it cost up to a quarter of a second per save (npm run bench).
    const inMemory: TransformCache = { get: (k) => cache.get(k), set: (k, v) => cache.set(k, v), flush: () => (first ? cache.flush() : Promise.resolve()) };
    const watched = target;
    // Armed before the run reads the definitions, so a save during the run starts another one.
    if (!stopping) await rewatch(false);
    try {
      await runAndReport(watched, false, args, io, (options) => runGenerate({ ...options, cache: inMemory }));
    } catch (err) {
      io.stderr(`scim-codegen: internal error (a bug; please report it), still watching:\n${err instanceof Error ? err.stack : String(err)}\n`);
    }
  };

  const cycle = async (): Promise<void> => {
    do {
      again = false;
      await runOnce();
      if (!stopping) await rewatch(true);
    } while (again && !stopping);
    running = undefined;
  };

  function schedule(): void {
    if (stopping) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (running) again = true;
      else running = cycle();
    }, watchDebounceMs);
  }

  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    if (timer) clearTimeout(timer);
    closeWatchers();
    void (running ?? Promise.resolve()).then(resolveStopped);
  };
  signals.once("SIGINT", stop);
  signals.once("SIGTERM", stop);

  running = cycle();
  await running;
  if (!stopping) {
    const shown = target?.definitionsShown ?? printable(flags.definitions ?? "definitions");
    io.stdout(`scim-codegen: watching ${shown}${target?.config ? ` and ${configFileName}` : ""} for changes (Ctrl-C to stop)\n`);
  }
  await stopped;
  await cache.flush();
  signals.removeListener("SIGINT", stop);
  signals.removeListener("SIGTERM", stop);
  io.stdout("scim-codegen: stopped watching\n");
  return 0;
}
