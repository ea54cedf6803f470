/**
 * The shape of a tagging plan file, checked with zod. Semantic checks that need
 * the whole plan (outils declared, patterns, shadowing, examples) live in compile.ts.
 * Usage: `planFileSchema.safeParse(yamlValue, { reportInput: true })`.
 */

import { z } from "zod";
import { clicksSchema, spaSchema } from "../clicks/schema.js";
import { PROFILES, SERVICES, TYPES } from "../reference/lists.js";

const LABEL = /^[A-Z0-9][A-Z0-9_-]*$/;
const SITE = /^[0-9]{6}$/;

const label = z
  .string()
  .regex(LABEL, { error: "must be an upper-case label of the national list (A-Z, 0-9, _ or -)" });

/** A 6-digit ID_SITE; YAML reads an unquoted 012345 as a number, so say how to fix it. */
const site = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const text = String(value);
  if (SITE.test(text)) return text;
  const hint = typeof value === "number" ? " (put it in quotes if it starts with 0)" : "";
  ctx.addIssue({
    code: "custom",
    message: `ID_SITE "${text}" is not 6 digits${hint}`,
    input: value,
  });
  return z.NEVER;
});

const oneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** Only GET and POST responses are ever tagged, so a rule may only ask for those. */
const taggedMethod = z.string().refine((method) => /^(GET|POST)$/i.test(method), {
  error: (issue) =>
    `method ${JSON.stringify(issue.input)} is not GET or POST (the only methods dnma-tag tags)`,
});
const methods = z.union([taggedMethod, z.array(taggedMethod).min(1)]);

const query = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean()]).transform(String),
);

const chapters = z.array(z.string().min(1)).max(3, { error: "holds at most 3 chapters" });

export const pageRuleSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/)
    .optional(),
  path: z.string(),
  host: oneOrMany.optional(),
  method: methods.optional(),
  query: query.optional(),
  /** Route in the URL fragment (`#/myClass`): only the browser sees it (SPA tracking). */
  hash: z.string().optional(),
  service: z.enum(SERVICES),
  outil: label.optional(),
  type: z.enum(TYPES).optional(),
  name: z.string().min(1),
  chapters: chapters.optional(),
});

const fallbackSchema = z.union([
  z.literal(false),
  z.strictObject({
    service: z.enum(SERVICES).default("PAGE_ENT"),
    outil: label.optional(),
    type: z.enum(TYPES).optional(),
    name: z.string().min(1).default("page_ent"),
    chapters: chapters.optional(),
  }),
]);

const expectSchema = z.strictObject({
  rule: z.string().optional(),
  service: z.enum(SERVICES).optional(),
  outil: label.optional(),
  type: z.enum(TYPES).optional(),
  name: z.string().optional(),
  chapters: z.array(z.string()).optional(),
  skip: z.enum(["never-tag", "no-rule"]).optional(),
});

const exampleSchema = z.strictObject({
  url: z.string().min(1),
  method: z.string().optional(),
  expect: expectSchema,
});

export const planFileSchema = z.strictObject({
  version: z.literal(1, { error: "must be 1 (the only plan format so far)" }),
  name: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/)
    .optional(),
  platform: z.strictObject({ projet: label, exploitant: label, plateforme: label }),
  loader: z.strictObject({
    // Note: printable ASCII only (the page gets these bytes), and no `//host` shorthand.
    path: z
      .string()
      .regex(/^(\/(?!\/)|https:\/\/)[\x21-\x7e]*$/, {
        error:
          'must be an absolute path on the ENT ("/js") or an https:// URL, in printable ASCII without spaces',
      })
      .refine((path) => !/["'<>\\]/.test(path), { error: "must not hold quotes, <, > or \\" }),
  }),
  sites: z.strictObject({
    default: site.optional(),
    by_uai: z.record(z.string(), site).optional(),
    by_prefix: z.record(z.string(), site).optional(),
  }),
  outils: z.record(label, z.enum(TYPES)),
  defaults: z.strictObject({ outil: label }),
  profiles: z.record(z.string(), z.enum(PROFILES)).optional(),
  never_tag: z
    .strictObject({
      paths: z.array(z.string()).optional(),
      extensions: z
        .array(
          z.string().regex(/^[A-Za-z0-9]+$/, {
            error: "must be an extension without the dot: js, not .js",
          }),
        )
        .optional(),
    })
    .optional(),
  pages: z.array(pageRuleSchema),
  fallback: fallbackSchema.optional(),
  examples: z.array(exampleSchema).optional(),
  clicks: clicksSchema.optional(),
  spa: spaSchema.optional(),
});

export type PlanFile = z.output<typeof planFileSchema>;
export type PageRuleFile = z.output<typeof pageRuleSchema>;
export type ExampleFile = z.output<typeof exampleSchema>;
export type ExpectFile = z.output<typeof expectSchema>;

/** Labels used in messages, as the reference names the fields. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  service: "SERVICE",
  outil: "OUTIL",
  type: "TYPE",
  projet: "PROJET",
  exploitant: "EXPLOITANT",
  plateforme: "PLATEFORME",
};

/** Every key a plan file may use, at any depth: to suggest the one a typo meant. */
export const KNOWN_PLAN_KEYS: readonly string[] = [
  "version",
  "name",
  "platform",
  "projet",
  "exploitant",
  "plateforme",
  "loader",
  "path",
  "sites",
  "default",
  "by_uai",
  "by_prefix",
  "outils",
  "defaults",
  "outil",
  "profiles",
  "never_tag",
  "paths",
  "extensions",
  "pages",
  "id",
  "host",
  "method",
  "query",
  "hash",
  "service",
  "type",
  "chapters",
  "fallback",
  "examples",
  "url",
  "expect",
  "rule",
  "skip",
  "clicks",
  "rules",
  "spa",
  "enabled",
];
