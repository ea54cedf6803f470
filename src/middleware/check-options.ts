/**
 * Checks the options of dnmaTag() once, when the application starts: a misspelt key
 * or a value it cannot take stops the start with a message naming it.
 * Usage: `checkOptions(options)` → throws DnmaError OPTION_INVALID.
 */

import { DnmaError } from "../errors.js";

const KNOWN_KEYS = [
  "plan",
  "secret",
  "logger",
  "registry",
  "injector",
  "identify",
  "identifyTimeoutMs",
  "nonce",
  "tagger",
  "watch",
];
const INJECTOR_KEYS = [
  "sniff",
  "maxHoldBytes",
  "loaderWaitBytes",
  "hasHeaderCharset",
  "isXml",
  "allowsMetaPolicy",
];
const FUNCTION_KEYS = ["identify", "nonce"];

/** Throws when an option is unknown or has a value it cannot take. */
export function checkOptions(options: object): void {
  const problems = [
    ...unknownKeys(options, KNOWN_KEYS, ""),
    ...FUNCTION_KEYS.flatMap((key) => notFunction(options, key)),
    ...notPositive(options, "identifyTimeoutMs", "identifyTimeoutMs"),
  ];
  const injector = (options as { injector?: unknown }).injector;
  if (injector !== undefined && (typeof injector !== "object" || injector === null))
    problems.push("injector must be an object");
  else if (injector) {
    problems.push(...unknownKeys(injector, INJECTOR_KEYS, "injector."));
    problems.push(...notPositive(injector, "maxHoldBytes", "injector.maxHoldBytes"));
    problems.push(...notPositive(injector, "loaderWaitBytes", "injector.loaderWaitBytes"));
  }
  if (problems.length > 0)
    throw new DnmaError("OPTION_INVALID", `dnmaTag(): ${problems.join("; ")}`);
}

function unknownKeys(object: object, known: readonly string[], prefix: string): string[] {
  return Object.keys(object)
    .filter((key) => !known.includes(key))
    .map((key) => `unknown option "${prefix}${key}" (known: ${known.join(", ")})`);
}

function notFunction(object: object, key: string): string[] {
  const value = (object as Record<string, unknown>)[key];
  return value === undefined || typeof value === "function"
    ? []
    : [`${key} must be a function, not ${JSON.stringify(value)}`];
}

function notPositive(object: object, key: string, label: string): string[] {
  const value = (object as Record<string, unknown>)[key];
  if (value === undefined || (typeof value === "number" && Number.isInteger(value) && value > 0))
    return [];
  return [`${label} must be a positive whole number, not ${JSON.stringify(value)}`];
}
