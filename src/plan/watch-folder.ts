/**
 * Watches the folder of a file and calls back once events settle (debounced): the
 * change detection under hot reload of the plan.
 * Usage: `const stop = watchFolder("plan.yaml", 250, logger, reload)`.
 */

import { type FSWatcher, watch } from "node:fs";
import { basename, dirname } from "node:path";
import type { Logger } from "../log/logger.js";

/**
 * Calls `onChange` once things settle after any event in the plan's folder.
 * Note: the folder, not the file, is watched: a watch on the file follows the old
 * inode and goes deaf after an editor renames a new version over it.
 */
export function watchFolder(
  file: string,
  debounceMs: number,
  logger: Logger,
  onChange: () => void,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  let isStopped = false;
  const name = basename(file);
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs).unref();
  };
  const start = () => {
    if (isStopped) return;
    watcher = watch(dirname(file), { persistent: false }, (_event, changed) => {
      if (changed === null || changed === name || changed.startsWith("..")) schedule();
    });
    watcher.on("error", (err) => {
      logger.warn(
        { err, file },
        "cannot watch the tagging plan's folder; retrying in 5 s (SIGHUP still reloads)",
      );
      watcher?.close();
      setTimeout(restart, 5000).unref();
    });
  };
  const restart = () => {
    try {
      start();
    } catch (err) {
      logger.warn(
        { err, file },
        "cannot watch the tagging plan's folder; retrying in 5 s (SIGHUP still reloads)",
      );
      setTimeout(restart, 5000).unref();
    }
  };
  start();
  return () => {
    isStopped = true;
    clearTimeout(timer);
    watcher?.close();
  };
}
