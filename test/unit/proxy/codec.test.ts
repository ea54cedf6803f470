import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createDecoder, createEncoder, parseCoding } from "../../../src/proxy/codec.js";

describe("parseCoding", () => {
  it.each([
    [undefined, "identity"],
    ["", "identity"],
    ["identity", "identity"],
    ["gzip", "gzip"],
    [" X-GZIP ", "gzip"],
    ["deflate", "deflate"],
    ["br", "br"],
    ["gzip, br", undefined],
    ["zstd", undefined],
    ["compress", undefined],
  ])("reads %j as %j", (value, expected) => {
    expect(parseCoding(value)).toBe(expected);
  });
});

describe("decoders and encoders", () => {
  it.each(["gzip", "deflate", "br"] as const)("round-trips %s", async (coding) => {
    const encoder = createEncoder(coding);
    const decoder = createDecoder(coding);
    if (!encoder || !decoder) throw new Error(`no codec for ${coding}`);
    encoder.pipe(decoder);
    const chunks: Buffer[] = [];
    decoder.on("data", (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise((resolve) => decoder.on("end", resolve));
    encoder.end("<p>é</p>");
    await done;
    expect(Buffer.concat(chunks).toString()).toBe("<p>é</p>");
  });

  it("has none for identity", () => {
    expect([createDecoder("identity"), createEncoder("identity")]).toEqual([undefined, undefined]);
  });

  it("fails on a truncated gzip body", async () => {
    const decoder = createDecoder("gzip");
    const failed = new Promise((resolve) =>
      decoder?.on("error", (err: NodeJS.ErrnoException) => resolve(err.code)),
    );
    decoder?.resume();
    decoder?.end(gzipSync("<p>page</p>").subarray(0, 15));
    expect(await failed).toBe("Z_BUF_ERROR");
  });
});
