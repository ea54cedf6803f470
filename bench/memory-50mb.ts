/**
 * A 50 MB page through the dnma-tag middleware, on 127.0.0.1: prints the peak RSS growth
 * over the run and whether the first byte reached the client before the application had
 * written the whole page. Standalone, not a test: `npx tsx bench/memory-50mb.ts`.
 */

import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { Registry } from "prom-client";
import { dnmaTag } from "../src/middleware/dnma-tag.js";

const PAGE_BYTES = 50 * 1024 * 1024;
const CHUNK = Buffer.from(`<p>${"x".repeat(64 * 1024 - 8)}</p>\n`);
const HEAD = Buffer.from("<!DOCTYPE html><html><head><title>Grand relevé</title></head><body>\n");
const TAIL = Buffer.from("</body></html>\n");
const quietLogger = { debug() {}, info() {}, warn() {}, error() {} };

function createApp(marks: { originDone?: bigint; originBytes?: number }) {
  const app = express();
  app.use((req, _res, next) => {
    (req as { user?: unknown }).user = {
      id: "bench-user",
      aafProfile: "National_ELV",
      uai: "0021593W",
    };
    next();
  });
  app.use(
    dnmaTag({
      plan: "marking-plans/demo-ent.yaml",
      secret: "bench-secret-of-enough-length",
      logger: quietLogger,
      registry: new Registry(),
    }),
  );
  app.get("/notes", (_req, res) => {
    res.type("html");
    res.write(HEAD);
    let written = HEAD.length;
    const pump = () => {
      while (written < PAGE_BYTES) {
        written += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once("drain", pump);
      }
      res.end(TAIL);
      marks.originBytes = written + TAIL.length;
      marks.originDone = process.hrtime.bigint();
    };
    pump();
  });
  return app;
}

async function main(): Promise<void> {
  const marks: { originDone?: bigint; originBytes?: number; firstByte?: bigint } = {};
  const server = createApp(marks).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;

  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);

  const received = await new Promise<{ bytes: number; tail: string }>((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path: "/notes" }, (res) => {
      let bytes = 0;
      let tail = "";
      res.on("data", (chunk: Buffer) => {
        marks.firstByte ??= process.hrtime.bigint();
        bytes += chunk.length;
        // Note: the client shares this process; it keeps 2 KiB, so the RSS growth is the server's.
        tail = (tail + chunk.toString("latin1")).slice(-2048);
      });
      res.on("end", () => resolve({ bytes, tail }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
  clearInterval(sampler);
  server.close();

  const isFirstByteEarly =
    marks.firstByte !== undefined &&
    marks.originDone !== undefined &&
    marks.firstByte < marks.originDone;
  console.log(
    JSON.stringify({
      pageBytes: marks.originBytes,
      receivedBytes: received.bytes,
      addedBytes: received.bytes - (marks.originBytes ?? 0),
      isTagged: received.tail.includes("ATTag.dispatch();"),
      peakRssGrowthMiB: Number(((peak - baseline) / 1024 / 1024).toFixed(1)),
      isFirstByteBeforeOriginEnd: isFirstByteEarly,
      firstByteLeadMs:
        marks.firstByte && marks.originDone
          ? Number(marks.originDone - marks.firstByte) / 1e6
          : null,
    }),
  );
}

await main();
