/**
 * Feeds an injector in different chunkings: whole, split at every offset, random sizes.
 * The random seed is printed and can be pinned with DNMA_TEST_SEED.
 */

import { HtmlInjector, type InjectorOptions } from "../../src/inject/injector.js";

export const SNIPPETS = { loader: "<script src=/L></script>", tag: "<script>T()</script>" };

export interface Run {
  output: string;
  status: string;
  reason: string | undefined;
}

export const SEED = Number(process.env.DNMA_TEST_SEED ?? Date.now() % 100_000);

/** Runs the injector over `chunks`, returning the concatenated output and outcome. */
export function runChunks(
  chunks: Buffer[],
  options: InjectorOptions = {},
  snippets = SNIPPETS,
): Run {
  const injector = new HtmlInjector(snippets, options);
  const output: Buffer[] = [];
  for (const chunk of chunks) output.push(...injector.write(chunk));
  output.push(...injector.end());
  return {
    output: Buffer.concat(output).toString("latin1"),
    status: injector.result.status,
    reason: injector.result.reason,
  };
}

/** Every way to cut `input` in two. */
export function twoPieceSplits(input: Buffer): Buffer[][] {
  return Array.from({ length: input.length + 1 }, (_, at) => [
    input.subarray(0, at),
    input.subarray(at),
  ]);
}

/** A deterministic pseudo-random chunking of `input`. */
export function randomChunks(input: Buffer, seed: number, maxSize = 16): Buffer[] {
  let state = seed || 1;
  const next = () => {
    state = (state * 48271) % 2147483647;
    return state;
  };
  const chunks: Buffer[] = [];
  for (let at = 0; at < input.length; ) {
    const size = 1 + (next() % maxSize);
    chunks.push(input.subarray(at, at + size));
    at += size;
  }
  return chunks;
}
