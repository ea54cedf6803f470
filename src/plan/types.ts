/**
 * The compiled tagging plan: everything parsed, validated and pre-computed once at
 * load time, so that a request only looks values up.
 */

import type { CompiledClicks } from "../clicks/types.js";
import type { Profile, Service, ServiceType } from "../reference/lists.js";
import type { PathPattern } from "./pattern.js";
import type { ExpectFile } from "./schema.js";
import type { LabelTemplate } from "./template.js";

export interface RuleConditions {
  pattern: PathPattern;
  /** Lower-case host names; `*.example.fr` entries kept as suffixes `.example.fr`. */
  hosts: string[] | undefined;
  methods: string[] | undefined;
  /** Query parameters that must be present; value `*` accepts any value. */
  query: [string, string][] | undefined;
  /** Pattern of the route in the fragment (`#/myClass` → `/myClass`); browser-side only. */
  hash?: PathPattern | undefined;
}

export interface PageValues {
  service: Service;
  outil: string;
  type: ServiceType;
  name: LabelTemplate;
  chapters: LabelTemplate[];
}

export interface CompiledRule extends PageValues {
  id: string;
  /** Position in `pages:`, and line in the plan file. */
  index: number;
  line: number | undefined;
  conditions: RuleConditions;
}

export interface CompiledExample {
  url: string;
  method: string;
  expect: ExpectFile;
  index: number;
  line: number | undefined;
}

export interface CompiledPlan {
  file: string;
  name: string;
  /** First 12 hex digits of the SHA-256 of the plan file, shown in metrics and logs. */
  version: string;
  platform: { projet: string; exploitant: string; plateforme: string };
  loaderSrc: string;
  sites: {
    fallback: string | undefined;
    byUai: Map<string, string>;
    byPrefix: Map<string, string>;
  };
  outils: Map<string, ServiceType>;
  aafProfiles: Readonly<Record<string, Profile>>;
  /** `lines[i]` is the plan line of `patterns[i]`. */
  neverTag: { patterns: PathPattern[]; extensions: Set<string>; lines: (number | undefined)[] };
  rules: CompiledRule[];
  fallback: (PageValues & { id: "fallback" }) | undefined;
  examples: CompiledExample[];
  /** Click rules (empty without a `clicks:` section). */
  clicks: CompiledClicks;
  /** Whether the page follows single-page-application navigations. */
  spa: { isEnabled: boolean };
}

/** What the plan says about one request. */
export type PageResolution =
  | {
      kind: "page";
      ruleId: string;
      rule: CompiledRule | undefined;
      service: Service;
      outil: string;
      type: ServiceType;
      name: string;
      chapters: string[];
      params: Record<string, string>;
    }
  | { kind: "skip"; reason: "never-tag" | "no-rule" };

/** The parts of a request the plan looks at. */
export interface PageRequest {
  method: string;
  host: string;
  path: string;
  query: URLSearchParams;
  /** The route in the fragment (`#/a` or `#!/a` → `/a`), "" when none; servers never see it. */
  hash?: string;
}
