/**
 * Child process entry of one server under test: builds it from the JSON config in
 * argv[2], listens on an ephemeral port of 127.0.0.1 and talks to the harness over IPC
 * (`ready`, `stream-finished`; answers `gc` with `gc-done`).
 * Usage: forked by `startServerProcess()`, never run by hand.
 */

import type { AddressInfo } from "node:net";
import { createServer, type ServerConfig } from "./servers.js";

function send(message: object): void {
  process.send?.(message);
}

const config = JSON.parse(process.argv[2] ?? "{}") as ServerConfig;
const server = await createServer(config, {
  onStreamFinished: (at) => send({ type: "stream-finished", at }),
});

process.on("message", (message: { type?: string }) => {
  if (message.type !== "gc") return;
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
  send({ type: "gc-done", rss: process.memoryUsage.rss() });
});
process.on("disconnect", () => process.exit(0));

server.listen(0, "127.0.0.1", () => {
  send({ type: "ready", port: (server.address() as AddressInfo).port });
});
