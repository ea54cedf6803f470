/**
 * The proxy's effective configuration: defaults, then the YAML file, then environment
 * variables, then command-line flags (each overriding the one before), checked as one
 * document; every problem is reported at once, located in the file or named after the
 * variable or flag it came from.
 * Usage: `const config = loadProxyConfig({ flags: { target, plan }, env: process.env })`.
 */

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

export { PROXY_ENVIRONMENT, type ProxyFlags } from "./config-sources.js";

import { DnmaError, type FileIssue, formatFieldPath } from "../errors.js";
import { parseYamlWithLines, type YamlDocument } from "../plan/yaml-lines.js";
import { checkProxyFile, describeIssue } from "./config-checks.js";
import { jwtSchema, type ProxyFile, proxyFileSchema } from "./config-schema.js";
import {
  applyEnvironment,
  applyFlags,
  type Env,
  type Origins,
  type ProxyFlags,
} from "./config-sources.js";

export interface ProxyConfig extends ProxyFile {
  /** The configuration file read, if any. */
  file: string | undefined;
  /** Key of the ID_PERSO hash (DNMA_TAG_SECRET); never logged. */
  secret: string | undefined;
  /** HS* key of the JWT source (DNMA_TAG_JWT_SECRET or identity.jwt.secret_file); never logged. */
  jwtSecret: string | undefined;
}

/** Reads and checks everything; throws CONFIG_INVALID (or PLAN/…_NOT_FOUND) listing every issue. */
export function loadProxyConfig(
  options: { flags?: ProxyFlags; env?: Env; cwd?: string } = {},
): ProxyConfig {
  const { flags = {}, env = process.env, cwd = process.cwd() } = options;
  const file = flags.config ?? env.DNMA_TAG_PROXY_CONFIG;
  const document = file
    ? readConfigFile(resolve(cwd, file))
    : { value: {}, lineOf: () => undefined };
  const value = structuredClone(document.value ?? {}) as Record<string, unknown>;
  const origins: Origins = new Map();
  const label = file ?? "configuration";

  if (typeof value !== "object" || Array.isArray(value))
    throw invalid(label, [
      { file: label, line: 1, field: "", message: "must be a mapping of options" },
    ]);
  applyEnvironment(value, env, origins);
  applyFlags(value, flags, origins);

  const parsed = proxyFileSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const where =
        issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] as string] : issue.path;
      return locate(
        issue.path,
        describeIssue(issue) + hintFor(issue),
        label,
        document,
        origins,
        where,
      );
    });
    throw invalid(label, issues);
  }

  const base = file ? dirname(resolve(cwd, file)) : cwd;
  const resolved = resolvePaths(parsed.data, (path) => (origins.has(path) || !file ? cwd : base));
  // Note: `source: jwt` with only DNMA_TAG_JWT_SECRET set needs no `jwt:` block.
  const config =
    resolved.identity.source === "jwt" && !resolved.identity.jwt
      ? { ...resolved, identity: { ...resolved.identity, jwt: jwtSchema.parse({}) } }
      : resolved;
  const jwtSecret = env.DNMA_TAG_JWT_SECRET ?? readSecretFile(config.identity.jwt?.secret_file);
  const result: ProxyConfig = { ...config, file, secret: env.DNMA_TAG_SECRET, jwtSecret };

  const problems = checkProxyFile(result);
  if (problems.length > 0)
    throw invalid(
      label,
      problems.map((problem) => locate(problem.path, problem.message, label, document, origins)),
    );
  return result;
}

/** The configuration as one log line may show it: secrets replaced by `[redacted]`. */
export function describeConfig(config: ProxyConfig): object {
  const { secret, jwtSecret, ...shown } = config;
  return {
    ...shown,
    secret: secret ? "[redacted]" : "(missing)",
    jwtSecret: jwtSecret ? "[redacted]" : undefined,
  };
}

/** Where a missing required value can be given. */
function hintFor(issue: { path: readonly PropertyKey[]; input?: unknown }): string {
  const { path } = issue;
  if (issue.input !== undefined) return "";
  const hints: Record<string, string> = {
    target: " (--target, DNMA_TAG_PROXY_TARGET or `target:` in the file)",
    plan: " (--plan, DNMA_TAG_PLAN or `plan:` in the file)",
  };
  return path.length === 1 ? (hints[String(path[0])] ?? "") : "";
}

function readConfigFile(path: string): YamlDocument {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new DnmaError(
      "CONFIG_INVALID",
      `cannot read proxy configuration ${path}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  try {
    return parseYamlWithLines(text);
  } catch (err) {
    const mark = (err as { mark?: { line: number } }).mark;
    const issue = {
      file: path,
      line: mark ? mark.line + 1 : undefined,
      field: "",
      message: (err as { reason?: string }).reason ?? String(err),
    };
    throw new DnmaError("CONFIG_INVALID", `${path} is not valid YAML`, {
      issues: [issue],
      cause: err,
    });
  }
}

function resolvePaths(config: ProxyFile, baseOf: (path: string) => string): ProxyFile {
  const at = (path: string, file: string | undefined) =>
    file === undefined ? undefined : resolve(baseOf(path), file);
  const jwt = config.identity.jwt;
  if (!jwt) return { ...config, plan: at("plan", config.plan) as string };
  const files = {
    secret_file: at("", jwt.secret_file),
    public_key_file: at("", jwt.public_key_file),
    jwks_file: at("", jwt.jwks_file),
  };
  return {
    ...config,
    plan: at("plan", config.plan) as string,
    identity: { ...config.identity, jwt: { ...jwt, ...files } },
  };
}

function readSecretFile(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, "utf8").trim();
  } catch (err) {
    throw new DnmaError(
      "CONFIG_INVALID",
      `cannot read identity.jwt.secret_file ${path}: ${(err as Error).message}`,
      { cause: err },
    );
  }
}

function locate(
  path: readonly PropertyKey[],
  message: string,
  label: string,
  document: YamlDocument,
  origins: Origins,
  where = path,
): FileIssue {
  const keys = toKeys(path);
  const field = formatFieldPath(keys);
  const origin = keys
    .map((_, end) => origins.get(keys.slice(0, keys.length - end).join(".")))
    .find(Boolean);
  if (origin) return { file: origin, line: undefined, field, message };
  return { file: label, line: lineOfPresent(document, toKeys(where)), field, message };
}

function toKeys(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((key) => (typeof key === "symbol" ? String(key) : key));
}

/** The line of the deepest part of `keys` the file has; undefined when it has none of it. */
function lineOfPresent(document: YamlDocument, keys: (string | number)[]): number | undefined {
  let node: unknown = document.value;
  let depth = 0;
  for (const key of keys) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key)) break;
    node = (node as Record<string | number, unknown>)[key];
    depth++;
  }
  return depth === 0 ? undefined : document.lineOf(keys.slice(0, depth));
}

function invalid(label: string, issues: FileIssue[]): DnmaError {
  const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
  return new DnmaError("CONFIG_INVALID", `${count} in proxy configuration (${label})`, { issues });
}
