/**
 * The injector as a Node Transform stream, for pipelines (the proxy, `dnma-tag inject`).
 * Usage: `pipeline(source, createInjectionStream(injector), destination)`.
 */

import { Transform } from "node:stream";
import type { HtmlInjector } from "./injector.js";

/** A Transform that sends every chunk through `injector` and flushes it at the end. */
export function createInjectionStream(injector: HtmlInjector): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      for (const piece of injector.write(chunk)) this.push(piece);
      callback();
    },
    flush(callback) {
      for (const piece of injector.end()) this.push(piece);
      callback();
    },
  });
}
