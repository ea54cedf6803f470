/**
 * Compiles the plan's `clicks:` section, recording every problem (bad pattern,
 * selector, template or OUTIL) with the path of the field at fault.
 * Usage: `compileClicks(compiler, file.clicks, file.defaults.outil)` from compilePlan.
 */

import { GAR_OUTIL } from "../reference/lists.js";
import { checkOutil, compilePattern, compileTemplate, type Compiler } from "../plan/compile.js";
import type { PathPattern } from "../plan/pattern.js";
import type { ClickRuleFile, ClicksFile } from "./schema.js";
import { parseSelector, type Selector } from "./selector.js";
import type { ClickConditions, CompiledClickRule, CompiledClicks, GarCodeSource } from "./types.js";

/** Extensions whose links count as downloads when the plan lists none. */
export const DEFAULT_DOWNLOAD_EXTENSIONS = [
  "pdf",
  "doc",
  "docx",
  "odt",
  "ods",
  "odp",
  "xls",
  "xlsx",
  "ppt",
  "pptx",
  "csv",
  "txt",
  "zip",
  "7z",
  "rar",
  "epub",
  "mp3",
  "mp4",
  "ggb",
  "sb3",
];

/** Path the page reports unknown GAR presentation codes to, unless the plan says otherwise. */
export const DEFAULT_REPORT_PATH = "/__dnma-tag/report";

/** Placeholders every click name may use besides the rule's captures. */
const BUILT_IN_PARAMS = ["host"];

/** Compiles `clicks:`; an absent section gives no rules and no report path. */
export function compileClicks(
  compiler: Compiler,
  clicks: ClicksFile | undefined,
  defaultOutil: string,
): CompiledClicks {
  if (!clicks) return { rules: [], downloadExtensions: [], reportPath: undefined, examples: [] };

  const rules = clicks.rules.map((rule, index) =>
    compileClickRule(compiler, rule, index, defaultOutil),
  );
  checkDuplicateIds(compiler, rules);
  const hasGar = rules.some((rule) => rule.gar);

  return {
    rules,
    downloadExtensions: (clicks.download_extensions ?? DEFAULT_DOWNLOAD_EXTENSIONS).map((ext) =>
      ext.toLowerCase(),
    ),
    reportPath:
      hasGar && clicks.report !== false ? (clicks.report ?? DEFAULT_REPORT_PATH) : undefined,
    examples: (clicks.examples ?? []).map((example, index) => ({
      index,
      page: example.page ?? "/",
      tag: example.tag ?? "a",
      href: example.href,
      attributes: Object.fromEntries(
        Object.entries(example.attributes ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
      ),
      expect: example.expect,
    })),
  };
}

function compileClickRule(
  compiler: Compiler,
  rule: ClickRuleFile,
  index: number,
  defaultOutil: string,
): CompiledClickRule {
  const at = ["clicks", "rules", index];
  const conditions = compileConditions(compiler, rule, at);
  const params = [
    ...(conditions.pattern?.paramNames ?? []),
    ...Object.keys(rule.query ?? {}),
    ...BUILT_IN_PARAMS,
  ];
  if (rule.gar) params.push("code");

  const outil = compileOutil(compiler, rule, defaultOutil, at);
  return {
    id: rule.id ?? `clicks.rules[${index}]`,
    index,
    line: compiler.lineOf(at),
    conditions,
    service: rule.service,
    outil,
    type: rule.type,
    outilType: compiler.outils.get(outil) ?? "NATIF",
    hit: rule.hit,
    name: compileTemplate(compiler, rule.name, params, [...at, "name"]),
    chapters: (rule.chapters ?? []).map((chapter, i) =>
      compileTemplate(compiler, chapter, params, [...at, "chapters", i]),
    ),
    gar: rule.gar && {
      code: compileCodeSource(compiler, rule.gar.code, conditions.pattern, at),
      unknownService: rule.gar.unknown_service,
    },
    isCountedWhenPrevented: rule.even_if_prevented ?? false,
  };
}

function compileConditions(
  compiler: Compiler,
  rule: ClickRuleFile,
  at: (string | number)[],
): ClickConditions {
  const hosts =
    rule.host === undefined ? undefined : Array.isArray(rule.host) ? rule.host : [rule.host];

  return {
    selector:
      rule.selector === undefined
        ? undefined
        : compileSelector(compiler, rule.selector, [...at, "selector"]),
    external: rule.external,
    hosts: hosts?.map((host) => host.toLowerCase().replace(/^\*\./, ".")),
    pattern:
      rule.path === undefined ? undefined : compilePattern(compiler, rule.path, [...at, "path"]),
    query: rule.query ? Object.entries(rule.query) : undefined,
  };
}

function compileOutil(
  compiler: Compiler,
  rule: ClickRuleFile,
  defaultOutil: string,
  at: (string | number)[],
): string {
  if (!rule.gar) {
    if (rule.outil) checkOutil(compiler, rule.outil, [...at, "outil"]);
    return rule.outil ?? defaultOutil;
  }
  if (rule.outil && rule.outil !== GAR_OUTIL) {
    compiler.issues.push({
      path: [...at, "outil"],
      message: `OUTIL "${rule.outil}" cannot be used: the OUTIL of a GAR resource is ${GAR_OUTIL}`,
    });
  }
  checkOutil(compiler, GAR_OUTIL, [...at, "gar"]);
  return GAR_OUTIL;
}

function compileCodeSource(
  compiler: Compiler,
  code: { query: string } | { attribute: string } | { param: string },
  pattern: PathPattern | undefined,
  at: (string | number)[],
): GarCodeSource {
  if ("query" in code) return { from: "query", key: code.query };
  if ("attribute" in code) return { from: "attribute", key: code.attribute };

  if (!pattern?.paramNames.includes(code.param)) {
    const captured = pattern?.paramNames.map((name) => `:${name}`).join(", ") || "none";
    compiler.issues.push({
      path: [...at, "gar", "code", "param"],
      message: `param "${code.param}" is not captured by the rule's path (captured: ${captured})`,
    });
  }
  return { from: "param", key: code.param };
}

function compileSelector(
  compiler: Compiler,
  source: string,
  path: (string | number)[],
): Selector | undefined {
  try {
    return parseSelector(source);
  } catch (err) {
    compiler.issues.push({ path, message: `selector "${source}" ${(err as Error).message}` });
    return undefined;
  }
}

function checkDuplicateIds(compiler: Compiler, rules: CompiledClickRule[]): void {
  const seen = new Map<string, number>();
  for (const rule of rules) {
    const first = seen.get(rule.id);
    if (first === undefined) seen.set(rule.id, rule.index);
    else
      compiler.issues.push({
        path: ["clicks", "rules", rule.index, "id"],
        message: `id "${rule.id}" is already used by clicks.rules[${first}]`,
      });
  }
}
