/**
 * Runs a real upstream and a real proxy in front of it, both on 127.0.0.1 with
 * ephemeral ports, with the test plan and logs captured as parsed JSON.
 */

import { createServer, type RequestListener, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { Writable } from "node:stream";
import { Registry } from "prom-client";
import { createLogger } from "../../src/log/logger.js";
import { parsePlan } from "../../src/plan/load.js";
import type { ProxyConfig } from "../../src/proxy/config.js";
import { proxyFileSchema } from "../../src/proxy/config-schema.js";
import { createProxyServer, type ProxyServer } from "../../src/proxy/server.js";
import { createTagger } from "../../src/tagging/tagger.js";
import { TEST_SECRET } from "./app.js";
import { MINIMAL_PLAN } from "./plans.js";

export interface Upstream {
  server: Server;
  url: string;
}

export interface RunningProxy {
  proxy: ProxyServer;
  url: string;
  port: number;
  logs: Record<string, unknown>[];
  registry: Registry;
  /** The value of a metric series, e.g. `metric("dnma_tag_pages_skipped_total", { reason: "status" })`. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
}

/** Starts `handler` as the upstream on an ephemeral loopback port. */
export async function startUpstream(handler: RequestListener): Promise<Upstream> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A checked proxy configuration for `target`, with `extra` as in a YAML file. */
export function proxyConfig(
  target: string,
  extra: Record<string, unknown> = {},
  secrets: { jwtSecret?: string } = {},
): ProxyConfig {
  const parsed = proxyFileSchema.parse({ target, plan: "test-plan.yaml", ...extra });
  return { ...parsed, file: undefined, secret: TEST_SECRET, jwtSecret: secrets.jwtSecret };
}

/** Starts a proxy with the test plan (without a default site: 0021593W gets 100002). */
export async function startProxy(
  config: ProxyConfig,
  plan = MINIMAL_PLAN.replace('  default: "100000"\n', ""),
): Promise<RunningProxy> {
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logs.push(JSON.parse(line));
      callback();
    },
  });
  const registry = new Registry();
  const logger = createLogger({ level: "debug", destination });
  const tagger = createTagger({
    plan: parsePlan(plan, "plan.yaml"),
    secret: TEST_SECRET,
    logger,
    registry,
  });
  const proxy = createProxyServer({ config, tagger });
  const address = await proxy.listen(0, "127.0.0.1");

  async function metric(name: string, labels: Record<string, string> = {}): Promise<number> {
    const found = (await registry.getMetricsAsJSON()).find((item) => item.name === name);
    const series = found?.values.find((value) =>
      Object.entries(labels).every(([key, label]) => value.labels[key] === label),
    );
    return series?.value ?? 0;
  }
  return {
    proxy,
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    logs,
    registry,
    metric,
  };
}

/** Closes servers, ignoring those already closed. */
export async function closeAll(...servers: (Server | ProxyServer | undefined)[]): Promise<void> {
  for (const server of servers) {
    if (!server) continue;
    if ("tagger" in server) await server.close();
    else {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}

/** Sends raw request bytes to 127.0.0.1:`port` and collects every byte until the connection closes. */
export function rawExchange(
  port: number,
  request: string,
): Promise<{ bytes: Buffer; text: string; hadError: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    let hadError = false;
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", () => {
      hadError = true;
    });
    socket.on("close", () => {
      const bytes = Buffer.concat(chunks);
      resolve({ bytes, text: bytes.toString("latin1"), hadError });
    });
    socket.write(request);
  });
}

/** A GET request line and headers, ready for rawExchange. */
export function rawGet(path: string, headers: Record<string, string> = {}): string {
  const lines = Object.entries({ Host: "ent.example.fr", Connection: "close", ...headers }).map(
    ([name, value]) => `${name}: ${value}`,
  );
  return `GET ${path} HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`;
}
