/**
 * Builds the identity source a deployment chose, wired to the metrics and the logs.
 * Usage: `const source = createIdentitySource(config, { tagger, agent })`.
 */

import type { Agent } from "node:http";
import { createWarnOnce } from "../../log/logger.js";
import type { Tagger } from "../../tagging/tagger.js";
import type { ProxyConfig } from "../config.js";
import { createGatewaySource } from "./gateway-headers.js";
import { createJwtSource } from "./jwt.js";
import type { IdentitySource, LookupResult } from "./types.js";
import { NO_IDENTITY } from "./types.js";
import { createUpstreamHeadersSource } from "./upstream-headers.js";
import { createUserinfoSource } from "./userinfo.js";

export interface IdentityDependencies {
  tagger: Tagger;
  agent?: Agent | undefined;
}

/** The source named by `config.identity.source`; throws CONFIG_INVALID on an unusable key. */
export function createIdentitySource(
  config: ProxyConfig,
  deps: IdentityDependencies,
): IdentitySource {
  const { identity } = config;
  const source = identity.source;
  const warnOnce = createWarnOnce(deps.tagger.logger);
  const record = (result: LookupResult) =>
    deps.tagger.metrics.identityLookups.inc({ source, result });
  const warn = (key: string, fields: object, message: string) => {
    // Note: each failure is at debug with its cause; the warning comes once in a while.
    deps.tagger.logger.debug({ source, ...fields }, message);
    warnOnce(`identity:${key}`, { source, ...fields }, message);
  };

  switch (source) {
    case "gateway":
      return createGatewaySource({
        names: identity.headers,
        strip: identity.strip,
        record,
        onUntrusted: () =>
          warn("untrusted", {}, "identity headers from an untrusted peer were removed"),
      });
    case "upstream-headers":
      return createUpstreamHeadersSource({ names: identity.headers });
    case "userinfo":
      return createUserinfoSource({
        config: identity.userinfo as NonNullable<typeof identity.userinfo>,
        target: config.target,
        agent: deps.agent,
        timeoutMs: identity.timeout_ms,
        onError: (why) =>
          warn("userinfo", { why }, "userinfo lookup failed; pages served untouched"),
      });
    case "jwt":
      return createJwtSource({
        config: identity.jwt as NonNullable<typeof identity.jwt>,
        secret: config.jwtSecret,
        onInvalid: (code) => deps.tagger.logger.debug({ source, code }, "token refused"),
      });
    default:
      return { name: "none", begin: () => NO_IDENTITY };
  }
}
