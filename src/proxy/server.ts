/**
 * The reverse proxy: an HTTP server that forwards everything to one upstream ENT and
 * tags its authenticated pages with the same tagger as the middleware. It serves
 * nothing of its own on its port; the tagger (metrics, decisions) is returned so that
 * an admin listener can be attached next to it.
 * Usage: `const proxy = createProxyServer({ config }); await proxy.listen(); … await proxy.close()`.
 */

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { Registry } from "prom-client";
import { createWarnOnce, type Logger } from "../log/logger.js";
import { createTagger, type Tagger } from "../tagging/tagger.js";
import type { ProxyConfig } from "./config.js";
import { handleRequest, type ProxyContext } from "./handle-request.js";
import { createIdentitySource } from "./identity/index.js";
import { createProxyMetrics } from "./metrics.js";
import { createTrustedPeers } from "./trusted-peers.js";
import { handleUpgrade } from "./upgrade.js";
import { createUpstreamAgent } from "./upstream-request.js";

export interface ProxyServerOptions {
  config: ProxyConfig;
  /** A tagger to share; by default one is built from `config.plan` and `config.secret`. */
  tagger?: Tagger;
  logger?: Logger;
  registry?: Registry;
}

export interface ProxyServer {
  server: Server;
  tagger: Tagger;
  /** Listens on the configured host and port (or the given ones); resolves with the address. */
  listen(port?: number, host?: string): Promise<AddressInfo>;
  /**
   * Stops accepting, lets responses in flight finish within `timeouts.shutdown_ms`,
   * then drops what is left. WebSocket tunnels are closed at once. Resolves with
   * whether everything finished in time.
   */
  close(): Promise<boolean>;
}

/** Builds the proxy; throws a DnmaError on a bad plan, secret or key. */
export function createProxyServer(options: ProxyServerOptions): ProxyServer {
  const { config } = options;
  const tagger =
    options.tagger ??
    createTagger({
      plan: config.plan,
      secret: config.secret,
      logger: options.logger,
      registry: options.registry,
    });
  const target = new URL(config.target);
  const agent = createUpstreamAgent(target);
  const tunnels = new Set<Duplex>();
  let isClosing = false;

  const context: ProxyContext = {
    config,
    target,
    tagger,
    identity: createIdentitySource(config, { tagger, agent }),
    trusted: createTrustedPeers(config.trusted_proxies),
    agent,
    metrics: createProxyMetrics(tagger.metrics.registry),
    isClosing: () => isClosing,
    warnOnce: createWarnOnce(tagger.logger),
  };

  const server = createServer(function proxyRequest(req, res) {
    res.once("finish", () => {
      if (isClosing) setImmediate(() => server.closeIdleConnections());
    });
    handleRequest(req, res, context);
  });
  server.on("upgrade", (req, socket, head) => handleUpgrade(req, socket, head, context, tunnels));
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });

  function listen(port = config.listen.port, host = config.listen.host): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve(server.address() as AddressInfo);
      });
    });
  }

  async function close(): Promise<boolean> {
    isClosing = true;
    for (const tunnel of tunnels) tunnel.destroy();
    const closed = new Promise<boolean>((resolve) => server.close(() => resolve(true)));
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), config.timeouts.shutdown_ms);
    });
    const isInTime = await Promise.race([closed, deadline]);
    clearTimeout(timer);
    if (!isInTime) server.closeAllConnections();
    agent.destroy();
    return isInTime;
  }

  return { server, tagger, listen, close };
}
