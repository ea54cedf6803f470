/**
 * Environment variables and command-line flags of the proxy, merged into the
 * configuration document before it is checked, each remembered as the origin of the
 * field it set (so that a problem names the variable or flag, not the file).
 * Usage: `applyEnvironment(document, process.env, origins); applyFlags(document, flags, origins)`.
 */

/** Environment variables of the proxy, with the field each one sets. */
export const PROXY_ENVIRONMENT = {
  DNMA_TAG_PROXY_TARGET: ["target"],
  DNMA_TAG_PLAN: ["plan"],
  DNMA_TAG_PROXY_HOST: ["listen", "host"],
  DNMA_TAG_PROXY_PORT: ["listen", "port"],
  DNMA_TAG_TRUSTED_PROXIES: ["trusted_proxies"],
  DNMA_TAG_IDENTITY_SOURCE: ["identity", "source"],
  DNMA_TAG_LOG_LEVEL: ["log_level"],
  DNMA_TAG_ADMIN_HOST: ["admin", "host"],
  DNMA_TAG_ADMIN_PORT: ["admin", "port"],
} as const;

export interface ProxyFlags {
  config?: string | undefined;
  target?: string | undefined;
  plan?: string | undefined;
  host?: string | undefined;
  port?: string | number | undefined;
  adminPort?: string | number | undefined;
}

export type Env = Readonly<Record<string, string | undefined>>;
/** Dotted field path → where its value came from (`option --port`). */
export type Origins = Map<string, string>;

export function applyEnvironment(value: Record<string, unknown>, env: Env, origins: Origins): void {
  for (const [name, path] of Object.entries(PROXY_ENVIRONMENT)) {
    const text = env[name];
    if (text === undefined || text === "") continue;
    setPath(value, path, parseEnvValue(path, text), origins, `environment variable ${name}`);
  }
}

export function applyFlags(
  value: Record<string, unknown>,
  flags: ProxyFlags,
  origins: Origins,
): void {
  const entries: [readonly string[], unknown, string][] = [
    [["target"], flags.target, "--target"],
    [["plan"], flags.plan, "--plan"],
    [["listen", "host"], flags.host, "--host"],
    [
      ["listen", "port"],
      flags.port === undefined ? undefined : toNumber(String(flags.port)),
      "--port",
    ],
    [
      ["admin", "port"],
      flags.adminPort === undefined ? undefined : toNumber(String(flags.adminPort)),
      "--admin-port",
    ],
  ];
  for (const [path, flag, name] of entries)
    if (flag !== undefined) setPath(value, path, flag, origins, `option ${name}`);
}

function parseEnvValue(path: readonly string[], text: string): unknown {
  if (path[path.length - 1] === "port") return toNumber(text);
  if (path[0] === "trusted_proxies")
    return text
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean);
  return text;
}

/** A number when the text is one (so the schema can say "must be a number" otherwise). */
function toNumber(text: string): unknown {
  return /^\d+$/.test(text.trim()) ? Number(text) : text;
}

function setPath(
  value: Record<string, unknown>,
  path: readonly string[],
  item: unknown,
  origins: Origins,
  origin: string,
): void {
  let node = value;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = item;
  origins.set(path.join("."), origin);
}
