/**
 * Streams the lines of a log file, gunzipping it when it starts with the gzip magic
 * bytes (whatever its name), with bounded memory: one chunk and one partial line.
 * Usage: `for await (const line of readLogLines("access.log.gz")) ...`.
 */

import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import type { Readable } from "node:stream";

const GZIP_MAGIC = [0x1f, 0x8b];

/** Yields each line without its line break; `onBytes` gets the count of file bytes read so far. */
export async function* readLogLines(
  file: string,
  onBytes?: (bytesRead: number) => void,
): AsyncGenerator<string> {
  for await (const lines of readLogLineBatches(file, onBytes)) yield* lines;
}

/** Same as {@link readLogLines}, a chunk's worth of lines at a time (faster: one await per chunk). */
export async function* readLogLineBatches(
  file: string,
  onBytes?: (bytesRead: number) => void,
): AsyncGenerator<string[]> {
  const isGzip = await hasGzipMagic(file);
  const raw = createReadStream(file, { highWaterMark: 256 * 1024 });
  let bytesRead = 0;
  raw.on("data", (chunk) => {
    bytesRead += chunk.length;
    onBytes?.(bytesRead);
  });
  yield* splitLines(isGzip ? gunzip(raw) : raw);
}

/** Returns whether a file starts with the two gzip magic bytes. */
export async function hasGzipMagic(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
}

async function* splitLines(stream: Readable): AsyncGenerator<string[]> {
  const decoder = new StringDecoder("utf8");
  let pending = "";
  for await (const chunk of stream) {
    const lines = (pending + decoder.write(chunk as Buffer)).split("\n");
    pending = lines.pop() ?? "";
    if (lines.length > 0) yield lines;
  }
  const rest = pending + decoder.end();
  if (rest !== "") yield [rest];
}

function gunzip(raw: Readable): Readable {
  const inflate = createGunzip();
  raw.on("error", (err) => inflate.destroy(err));
  return raw.pipe(inflate);
}
