/**
 * The shape of the plan's `clicks:` and `spa:` sections, checked with zod; semantic
 * checks (patterns, templates, selectors, OUTIL declared) live in compile.ts.
 * Usage: `planFileSchema.extend({ clicks: clicksSchema.optional() })`.
 */

import { z } from "zod";
import { HIT_TYPES, SERVICES, TYPES } from "../reference/lists.js";

const LABEL = /^[A-Z0-9][A-Z0-9_-]*$/;
const ID = /^[A-Za-z0-9_.-]+$/;

const label = z
  .string()
  .regex(LABEL, { error: "must be an upper-case label of the national list (A-Z, 0-9, _ or -)" });

const oneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const chapters = z.array(z.string().min(1)).max(3, { error: "holds at most 3 chapters" });

/** Where a GAR link carries its presentation code: exactly one of the three. */
const garCodeSource = z.union(
  [
    z.strictObject({ query: z.string().min(1) }),
    z.strictObject({ attribute: z.string().regex(/^[a-z][a-z0-9_:.-]*$/) }),
    z.strictObject({ param: z.string().min(1) }),
  ],
  { error: "must be one of { query: NAME }, { attribute: data-NAME } or { param: NAME }" },
);

const garSchema = z.strictObject({
  code: garCodeSource,
  unknown_service: z.enum(SERVICES),
});

/** One rule of `clicks.rules`: conditions on the element and its target, and the values sent. */
export const clickRuleSchema = z
  .strictObject({
    id: z.string().regex(ID).optional(),
    selector: z.string().min(1).optional(),
    external: z.boolean().optional(),
    host: oneOrMany.optional(),
    path: z.string().optional(),
    query: z.record(z.string(), scalar).optional(),
    gar: garSchema.optional(),
    service: z.enum(SERVICES).optional(),
    outil: label.optional(),
    type: z.enum(TYPES).optional(),
    hit: z.enum(HIT_TYPES).optional(),
    name: z.string().min(1),
    chapters: chapters.optional(),
    even_if_prevented: z.boolean().optional(),
  })
  .superRefine((rule, ctx) => {
    const hasCondition = [rule.selector, rule.external, rule.host, rule.path, rule.query].some(
      (v) => v !== undefined,
    );
    if (!hasCondition) {
      ctx.addIssue({
        code: "custom",
        message: "needs a condition: selector, external, host, path or query",
        input: undefined,
      });
    }
    if (rule.gar && rule.service) {
      ctx.addIssue({
        code: "custom",
        path: ["service"],
        message: "SERVICE of a gar rule comes from the presentation code: remove it",
        input: undefined,
      });
    }
    if (!rule.gar && !rule.service)
      ctx.addIssue({
        code: "custom",
        path: ["service"],
        message: "SERVICE is missing",
        input: undefined,
      });
  });

const clickExpectSchema = z.strictObject({
  rule: z.string().optional(),
  service: z.enum(SERVICES).optional(),
  outil: label.optional(),
  type: z.enum(TYPES).optional(),
  hit: z.enum(HIT_TYPES).optional(),
  name: z.string().optional(),
  chapters: z.array(z.string()).optional(),
  skip: z.literal("no-rule").optional(),
});

const clickExampleSchema = z.strictObject({
  page: z.string().min(1).optional(),
  tag: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .optional(),
  href: z.string().optional(),
  attributes: z.record(z.string(), scalar).optional(),
  expect: clickExpectSchema,
});

/** The `clicks:` section: rules, download extensions, report path, examples. */
export const clicksSchema = z.strictObject({
  download_extensions: z.array(z.string().regex(/^[A-Za-z0-9]+$/)).optional(),
  report: z.union([z.literal(false), z.string().regex(/^\/[A-Za-z0-9/_.~-]*$/)]).optional(),
  rules: z.array(clickRuleSchema),
  examples: z.array(clickExampleSchema).optional(),
});

/** The `spa:` section: whether the page follows single-page-application navigations. */
export const spaSchema = z.strictObject({
  enabled: z.boolean(),
});

export type ClicksFile = z.output<typeof clicksSchema>;
export type ClickRuleFile = z.output<typeof clickRuleSchema>;
export type ClickExampleFile = z.output<typeof clickExampleSchema>;
export type ClickExpectFile = z.output<typeof clickExpectSchema>;
export type SpaFile = z.output<typeof spaSchema>;
