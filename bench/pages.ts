/**
 * Generated ENT pages of an exact size in bytes (UTF-8): a whole page in memory for the
 * throughput runs, or a page of any length produced as a stream of chunks.
 * Usage: `generatePage(60 * 1024)` → a Buffer of exactly 61,440 bytes.
 */

import {
  createRandom,
  PAGE_END,
  type Random,
  renderBlock,
  renderChrome,
  renderHead,
} from "./page-parts.js";

/** The page sizes of the throughput runs, by label. */
export const PAGE_SIZES = { "5 KB": 5 * 1024, "60 KB": 60 * 1024, "1 MB": 1024 * 1024 } as const;
export type PageSizeLabel = keyof typeof PAGE_SIZES;

const FILLER_WORDS = "la vie scolaire du college publie les informations de la semaine ";
const POOL_BYTES = 256 * 1024;

function renderStart(title: string): string {
  return `<!DOCTYPE html>\n<html lang="fr">\n${renderHead(title)}<body class="ent">\n${renderChrome()}`;
}

/** ASCII text in a paragraph of exactly `bytes` bytes (whitespace when too short for one). */
function renderFiller(bytes: number): string {
  if (bytes < 12) return "\n".repeat(bytes);

  const textBytes = bytes - "<p></p>\n".length;
  const text = FILLER_WORDS.repeat(Math.ceil(textBytes / FILLER_WORDS.length)).slice(0, textBytes);
  return `<p>${text}</p>\n`;
}

/** Body blocks making exactly `bytes` bytes: blocks while some still fit, then a filler. */
function renderBody(random: Random, bytes: number): string {
  const blocks: string[] = [];
  let used = 0;
  let misses = 0;
  while (misses < 8) {
    const block = renderBlock(random);
    const length = Buffer.byteLength(block);
    if (used + length > bytes - 64) {
      misses++;
      continue;
    }
    blocks.push(block);
    used += length;
  }
  blocks.push(renderFiller(bytes - used));
  return blocks.join("");
}

/** A whole page of exactly `bytes` bytes; the same seed gives the same bytes. */
export function generatePage(bytes: number, seed = 1): Buffer {
  const start = renderStart("Relevé de notes");
  const fixedBytes = Buffer.byteLength(start) + Buffer.byteLength(PAGE_END);
  if (bytes < fixedBytes)
    throw new RangeError(`a page needs at least ${fixedBytes} bytes, not ${bytes}`);

  const page = Buffer.from(start + renderBody(createRandom(seed), bytes - fixedBytes) + PAGE_END);
  if (page.length !== bytes)
    throw new Error(`page generator made ${page.length} bytes instead of ${bytes}`);
  return page;
}

/**
 * The chunks of a page of exactly `bytes` bytes, at most `chunkBytes` each, without
 * holding the page: a block pool of 256 KiB is repeated, then topped up to the size.
 */
export function* generatePageChunks(
  bytes: number,
  chunkBytes = 64 * 1024,
  seed = 1,
): Generator<Buffer> {
  const random = createRandom(seed);
  const start = Buffer.from(renderStart("Documents partagés"));
  const end = Buffer.from(PAGE_END);
  const bodyBytes = bytes - start.length - end.length;
  if (bodyBytes < POOL_BYTES)
    throw new RangeError(`a streamed page needs at least ${POOL_BYTES} body bytes`);

  const pool = Buffer.from(renderBody(random, POOL_BYTES));
  const repeats = Math.floor(bodyBytes / POOL_BYTES) - 1;
  const rest = Buffer.from(renderBody(random, bodyBytes - repeats * POOL_BYTES));
  yield* sliceChunks(start, chunkBytes);
  for (let index = 0; index < repeats; index++) yield* sliceChunks(pool, chunkBytes);
  yield* sliceChunks(rest, chunkBytes);
  yield* sliceChunks(end, chunkBytes);
}

function* sliceChunks(buffer: Buffer, chunkBytes: number): Generator<Buffer> {
  for (let offset = 0; offset < buffer.length; offset += chunkBytes) {
    yield buffer.subarray(offset, offset + chunkBytes);
  }
}
