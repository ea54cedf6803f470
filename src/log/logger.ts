/**
 * Operator logs: pino by default, or any logger with pino's `(fields, message)` methods.
 * Usage: `const logger = createLogger({ level: "info" })`.
 */

import pino from "pino";

/** The part of pino's interface dnma-tag uses; a host application's logger will do. */
export interface Logger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** A pino logger named dnma-tag; level from the option, else DNMA_TAG_LOG_LEVEL, else info. */
export function createLogger(
  options: { level?: string; destination?: pino.DestinationStream } = {},
): Logger {
  const level = options.level ?? process.env.DNMA_TAG_LOG_LEVEL ?? "info";
  const settings = { name: "dnma-tag", level, base: { pid: process.pid } };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/**
 * Calls `warn` at most once per key and period: a misconfiguration that hits every page
 * must be seen, not flood the logs.
 */
export function createWarnOnce(
  logger: Logger,
  periodMs = 10 * 60_000,
): (key: string, fields: object, message: string) => void {
  const lastWarned = new Map<string, number>();
  return function warnOnce(key, fields, message) {
    const now = Date.now();
    const last = lastWarned.get(key);
    if (last !== undefined && now - last < periodMs) return;

    lastWarned.set(key, now);
    logger.warn(fields, message);
  };
}
