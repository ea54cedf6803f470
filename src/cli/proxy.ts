/**
 * `dnma-tag proxy`: the reverse proxy in front of a legacy ENT. Reads its
 * configuration (flags, then environment, then file), logs it as one line with the
 * secrets redacted, serves until SIGTERM or SIGINT, then stops gracefully.
 */

import type { Command } from "commander";
import { DnmaError } from "../errors.js";
import { createLogger, type Logger } from "../log/logger.js";
import {
  describeConfig,
  loadProxyConfig,
  PROXY_ENVIRONMENT,
  type ProxyFlags,
} from "../proxy/config.js";
import { createProxyServer, type ProxyServer } from "../proxy/server.js";
import type { ProxyConfig } from "../proxy/config.js";
import { type AdminServer, createAdminServer } from "../admin/server.js";
import { watchPlan } from "../plan/reload.js";

const ENVIRONMENT_HELP = [
  "",
  "Precedence: flags, then environment variables, then the --config file, then defaults.",
  "Environment:",
  "  DNMA_TAG_SECRET           key of the ID_PERSO hash (required, at least 16 bytes)",
  "  DNMA_TAG_PROXY_CONFIG     configuration file (YAML), when --config is not given",
  ...Object.entries(PROXY_ENVIRONMENT).map(
    ([name, path]) => `  ${name.padEnd(25)} ${path.join(".")}`,
  ),
  "  DNMA_TAG_JWT_SECRET       HS256/384/512 key of identity source jwt",
  "  DNMA_TAG_ADMIN_TOKEN      token of the admin listener (required off loopback)",
].join("\n");

export function registerProxy(program: Command): void {
  program
    .command("proxy")
    .description(
      "run the reverse proxy: forward everything to --target and tag its authenticated pages",
    )
    .option("--target <url>", "origin of the ENT, e.g. http://127.0.0.1:8080")
    .option("--plan <file>", "tagging plan (YAML)")
    .option("--port <n>", "port to listen on [3000]")
    .option("--host <addr>", "address to listen on [127.0.0.1]")
    .option(
      "--config <file>",
      "proxy configuration file (YAML): identity source, trusted proxies...",
    )
    .option(
      "--admin-port <n>",
      "start the admin listener (metrics, health, admin page) on this port",
    )
    .addHelpText("after", ENVIRONMENT_HELP)
    .action(runProxy);
}

async function runProxy(flags: ProxyFlags): Promise<void> {
  const config = loadProxyConfig({ flags, env: process.env });
  const logger = createLogger({ level: config.log_level });
  const proxy = createProxyServer({ config, logger });
  // Note: the admin listener starts first, so that a proxy whose admin cannot start never serves.
  const admin = await startAdmin(proxy, config, logger);
  const address = await proxy.listen().catch(async (err: Error) => {
    await admin?.close();
    throw new DnmaError(
      "LISTEN_FAILED",
      `cannot listen on ${config.listen.host}:${config.listen.port}: ${err.message}`,
      { cause: err },
    );
  });

  const { plan } = proxy.tagger;
  logger.info(
    {
      address: address.address,
      port: address.port,
      plan: plan.name,
      planVersion: plan.version,
      config: describeConfig(config),
    },
    "proxy listening",
  );
  if (config.identity.source === "none")
    logger.warn(
      { identity: "none" },
      "identity.source is none: no page will be tagged (see README, Identity)",
    );
  const watch = config.watch_plan ? watchPlan(proxy.tagger, config.plan, { logger }) : undefined;
  const signal = await waitForStopSignal();
  watch?.();
  await admin?.close();
  await stop(proxy, logger, signal, config.timeouts.shutdown_ms);
}

async function startAdmin(
  proxy: ProxyServer,
  config: ProxyConfig,
  logger: Logger,
): Promise<AdminServer | undefined> {
  if (config.admin.port === undefined) return undefined;

  const admin = createAdminServer({
    tagger: proxy.tagger,
    host: config.admin.host,
    port: config.admin.port,
  });
  const url = await admin.listen().catch((err: Error) => {
    throw new DnmaError(
      "LISTEN_FAILED",
      `cannot listen on ${config.admin.host}:${config.admin.port} (admin): ${err.message}`,
      { cause: err },
    );
  });
  logger.info({ url }, "admin listener ready");
  return admin;
}

function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off("SIGTERM", onSignal);
      process.off("SIGINT", onSignal);
      resolve(signal);
    };
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  });
}

async function stop(
  proxy: ProxyServer,
  logger: Logger,
  signal: NodeJS.Signals,
  timeoutMs: number,
): Promise<void> {
  logger.info(
    { signal, timeoutMs },
    "proxy stopping: no new connections, finishing responses in flight",
  );
  const isInTime = await proxy.close();
  if (isInTime) logger.info({ signal }, "proxy stopped");
  else
    logger.warn(
      { signal, timeoutMs },
      "proxy stopped: responses still in flight after the timeout were cut",
    );
}
