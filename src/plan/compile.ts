/**
 * Turns a schema-valid plan file into a {@link CompiledPlan}, collecting every
 * semantic problem (undeclared OUTIL, bad pattern or template, invalid UAI key)
 * with the path of the field at fault.
 */

import { createHash } from "node:crypto";
import { compileClicks } from "../clicks/compile.js";
import { DEFAULT_AAF_PROFILES, type ServiceType } from "../reference/lists.js";
import { isValidUai } from "../reference/uai.js";
import { type PathPattern, parsePathPattern } from "./pattern.js";
import type { PageRuleFile, PlanFile } from "./schema.js";
import { type LabelTemplate, parseTemplate } from "./template.js";
import type { CompiledPlan, CompiledRule, PageValues, RuleConditions } from "./types.js";

export interface PathIssue {
  path: (string | number)[];
  message: string;
}

export type LineOf = (path: (string | number)[]) => number | undefined;

/** Compiles a plan; `issues` is empty when the plan can be used. */
export function compilePlan(
  file: PlanFile,
  source: { file: string; text: string; lineOf: LineOf },
): { plan: CompiledPlan; issues: PathIssue[] } {
  const issues: PathIssue[] = [];
  const outils = new Map(Object.entries(file.outils));
  const compiler = { issues, outils, lineOf: source.lineOf };

  checkOutil(compiler, file.defaults.outil, ["defaults", "outil"]);
  const plan: CompiledPlan = {
    file: source.file,
    name: file.name ?? source.file.replace(/^.*\//, "").replace(/\.ya?ml$/, ""),
    version: createHash("sha256").update(source.text).digest("hex").slice(0, 12),
    platform: file.platform,
    loaderSrc: `${file.loader.path.replace(/\/+$/, "")}/smarttag_ENT.js`,
    sites: compileSites(compiler, file.sites),
    outils,
    aafProfiles: { ...DEFAULT_AAF_PROFILES, ...file.profiles },
    neverTag: compileNeverTag(compiler, file.never_tag),
    rules: file.pages.map((rule, index) => compileRule(compiler, file, rule, index)),
    fallback: compileFallback(compiler, file),
    clicks: compileClicks(compiler, file.clicks, file.defaults.outil),
    spa: { isEnabled: file.spa?.enabled ?? false },
    examples: (file.examples ?? []).map((example, index) => ({
      url: example.url,
      method: (example.method ?? "GET").toUpperCase(),
      expect: example.expect,
      index,
      line: source.lineOf(["examples", index]),
    })),
  };
  checkDuplicateIds(compiler, plan.rules);
  if (!plan.spa.isEnabled) checkHashRulesNeedSpa(compiler, plan.rules);
  return { plan, issues };
}

/** What the compiling functions share: the issues found so far, the declared OUTILs, lines. */
export interface Compiler {
  issues: PathIssue[];
  outils: Map<string, ServiceType>;
  lineOf: LineOf;
}

function compileRule(
  compiler: Compiler,
  file: PlanFile,
  rule: PageRuleFile,
  index: number,
): CompiledRule {
  const at = ["pages", index];
  const pattern = compilePattern(compiler, rule.path, [...at, "path"]);
  const hash =
    rule.hash === undefined ? undefined : compilePattern(compiler, rule.hash, [...at, "hash"]);
  const paramNames = [...pattern.paramNames, ...(hash?.paramNames ?? [])];
  if (new Set(paramNames).size !== paramNames.length) {
    compiler.issues.push({
      path: [...at, "hash"],
      message: `hash pattern "${rule.hash}" repeats a parameter of the path`,
    });
  }
  const values = compileValues(compiler, file, rule, paramNames, at);

  return {
    id: rule.id ?? `pages[${index}]`,
    index,
    line: compiler.lineOf(at),
    conditions: { ...compileConditions(rule, pattern), hash },
    ...values,
  };
}

function compileConditions(rule: PageRuleFile, pattern: PathPattern): RuleConditions {
  const toList = (value: string | string[] | undefined) =>
    value === undefined ? undefined : Array.isArray(value) ? value : [value];

  return {
    pattern,
    hosts: toList(rule.host)?.map((host) => host.toLowerCase().replace(/^\*\./, ".")),
    methods: toList(rule.method)?.map((method) => method.toUpperCase()),
    query: rule.query ? Object.entries(rule.query) : undefined,
  };
}

function compileValues(
  compiler: Compiler,
  file: PlanFile,
  values: {
    service: PageValues["service"];
    outil?: string | undefined;
    type?: ServiceType | undefined;
    name: string;
    chapters?: string[] | undefined;
  },
  paramNames: string[],
  at: (string | number)[],
): PageValues {
  const outil = values.outil ?? file.defaults.outil;
  if (values.outil) checkOutil(compiler, values.outil, [...at, "outil"]);

  return {
    service: values.service,
    outil,
    type: values.type ?? compiler.outils.get(outil) ?? "NATIF",
    name: compileTemplate(compiler, values.name, paramNames, [...at, "name"]),
    chapters: (values.chapters ?? []).map((chapter, index) =>
      compileTemplate(compiler, chapter, paramNames, [...at, "chapters", index]),
    ),
  };
}

function compileFallback(compiler: Compiler, file: PlanFile): CompiledPlan["fallback"] {
  if (file.fallback === false) return undefined;

  const fallback = file.fallback ?? { service: "PAGE_ENT" as const, name: "page_ent" };
  return { id: "fallback", ...compileValues(compiler, file, fallback, [], ["fallback"]) };
}

function compileSites(compiler: Compiler, sites: PlanFile["sites"]): CompiledPlan["sites"] {
  for (const uai of Object.keys(sites.by_uai ?? {})) {
    if (!isValidUai(uai)) {
      compiler.issues.push({
        path: ["sites", "by_uai", uai],
        message: `UAI "${uai}" has a wrong check letter or shape`,
      });
    }
  }
  for (const prefix of Object.keys(sites.by_prefix ?? {})) {
    if (!/^[0-9]{3}$/.test(prefix)) {
      compiler.issues.push({
        path: ["sites", "by_prefix", prefix],
        message: `prefix "${prefix}" is not the 3 first digits of a UAI (quote it: "069")`,
      });
    }
  }
  return {
    fallback: sites.default,
    byUai: new Map(Object.entries(sites.by_uai ?? {})),
    byPrefix: new Map(Object.entries(sites.by_prefix ?? {})),
  };
}

function compileNeverTag(
  compiler: Compiler,
  neverTag: PlanFile["never_tag"],
): CompiledPlan["neverTag"] {
  const paths = neverTag?.paths ?? [];
  return {
    patterns: paths.map((path, index) =>
      compilePattern(compiler, path, ["never_tag", "paths", index]),
    ),
    extensions: new Set((neverTag?.extensions ?? []).map((ext) => ext.toLowerCase())),
    lines: paths.map((_path, index) => compiler.lineOf(["never_tag", "paths", index])),
  };
}

/** Parses a path pattern, recording an issue (and returning `/`) when it is invalid. */
export function compilePattern(
  compiler: Compiler,
  source: string,
  path: (string | number)[],
): PathPattern {
  try {
    return parsePathPattern(source);
  } catch (err) {
    compiler.issues.push({ path, message: `path pattern "${source}" ${(err as Error).message}` });
    return parsePathPattern("/");
  }
}

/** Parses a label template, recording an issue when it is invalid. */
export function compileTemplate(
  compiler: Compiler,
  source: string,
  params: string[],
  path: (string | number)[],
): LabelTemplate {
  try {
    return parseTemplate(source, params);
  } catch (err) {
    compiler.issues.push({ path, message: `"${source}" ${(err as Error).message}` });
    return { source, parts: [{ kind: "text", text: "invalid" }] };
  }
}

/** Records an issue when `outil` is not declared in the plan's `outils:`. */
export function checkOutil(compiler: Compiler, outil: string, path: (string | number)[]): void {
  if (compiler.outils.has(outil)) return;

  const declared = [...compiler.outils.keys()].join(", ") || "none";
  compiler.issues.push({
    path,
    message: `OUTIL "${outil}" is not declared in outils: (declared: ${declared})`,
  });
}

function checkHashRulesNeedSpa(compiler: Compiler, rules: CompiledRule[]): void {
  for (const rule of rules.filter((candidate) => candidate.conditions.hash)) {
    compiler.issues.push({
      path: ["pages", rule.index, "hash"],
      message: `rule "${rule.id}" has a hash condition, which only the browser can apply: set spa: { enabled: true }`,
    });
  }
}

function checkDuplicateIds(compiler: Compiler, rules: CompiledRule[]): void {
  const seen = new Map<string, number>();
  for (const rule of rules) {
    const first = seen.get(rule.id);
    if (first === undefined) {
      seen.set(rule.id, rule.index);
      continue;
    }
    compiler.issues.push({
      path: ["pages", rule.index, "id"],
      message: `id "${rule.id}" is already used by pages[${first}]`,
    });
  }
}
