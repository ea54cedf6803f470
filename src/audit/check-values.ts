/**
 * Conformity of the values a tag sends (référentiel DNMA §3.b): 6-digit site, every
 * required property present and in the reference lists, a valid UAI equal to level2,
 * a visitor category equal to PROFIL and a pseudonymised id, SmartTag-safe labels and
 * exactly one dispatch. Usage: `checkValues(readTag(calls), { line: 40, user: "jdupont" })`.
 */

import { isOneOf, PROFILES, SERVICES, TYPES } from "../reference/lists.js";
import { isValidUai } from "../reference/uai.js";
import { isSafeLabel } from "../tag/sanitize.js";
import { type Finding, finding } from "./findings.js";
import type { TagReading } from "./read-tag.js";
import { judgeVisitorId } from "./visitor-id.js";

export const REQUIRED_PROPS = [
  "SERVICE",
  "TYPE",
  "OUTIL",
  "UAI",
  "PROJET",
  "EXPLOITANT",
  "PLATEFORME",
  "PROFIL",
] as const;

const SITE = /^[0-9]{6}$/;
const LABEL = /^[A-Z0-9][A-Z0-9_-]*$/;

export interface ValueContext {
  /** Where the tag script starts. */
  line: number | undefined;
  /** The tag script's source, to point at the line of a bad value. */
  code?: string | undefined;
  user?: string | undefined;
}

/** Every problem with the values of a tag, each at the line of the value when found in the script. */
export function checkValues(tag: TagReading, context: ValueContext): Finding[] {
  const at: At = (code, field, message, value) =>
    finding(code, field, locate(context, value), message);
  return [
    ...checkSite(tag, at),
    ...checkProps(tag, at),
    ...checkVisitor(tag, context.user, at),
    ...checkPage(tag, at),
    ...(tag.dispatches === 1
      ? []
      : [
          at(
            "dispatch-count",
            "dispatch",
            `dispatch() is called ${tag.dispatches} times: ${tag.dispatches === 0 ? "no hit is sent" : "the page is counted several times"}`,
          ),
        ]),
  ];
}

type At = (
  code: Parameters<typeof finding>[0],
  field: string,
  message: string,
  value?: unknown,
) => Finding;

/** The line of the first `"value"` in the script, else the script's first line. */
export function locate(context: ValueContext, value: unknown): number | undefined {
  if (
    context.line === undefined ||
    context.code === undefined ||
    typeof value !== "string" ||
    value === ""
  )
    return context.line;
  const index = context.code.indexOf(JSON.stringify(value));
  if (index < 0) return context.line;
  return context.line + (context.code.slice(0, index).match(/\n/g)?.length ?? 0);
}

function checkSite(tag: TagReading, at: At): Finding[] {
  if (tag.site === undefined || tag.site === "")
    return [
      at(
        "site-missing",
        "site",
        "new ATInternet.Tracker.Tag() gets no site: SmartTag falls back to its example site 365203",
      ),
    ];
  if (
    (typeof tag.site !== "string" && typeof tag.site !== "number") ||
    !SITE.test(String(tag.site))
  )
    return [
      at("site-invalid", "site", `site ${JSON.stringify(tag.site)} is not 6 digits`, tag.site),
    ];
  return [];
}

function checkProps(tag: TagReading, at: At): Finding[] {
  if (!tag.props)
    return [
      at(
        "props-missing",
        "setProps",
        "setProps() is never called: no SERVICE, TYPE, OUTIL, UAI, PROJET, EXPLOITANT, PLATEFORME or PROFIL",
      ),
    ];

  const props = tag.props;
  const findings = REQUIRED_PROPS.filter(
    (key) => props[key] === undefined || props[key] === "",
  ).map((key) => at("props-missing", key, `setProps() has no ${key}`));
  if (!tag.isPersistent)
    findings.push(
      at(
        "props-not-persistent",
        "setProps",
        "setProps() is called without true as second argument",
      ),
    );

  const checkList = (key: string, list: readonly string[]) => {
    const value = props[key];
    if (value !== undefined && !isOneOf(list, value))
      findings.push(
        at(
          "value-invalid",
          key,
          `${key} ${JSON.stringify(value)} is not one of ${list.join(", ")}`,
          value,
        ),
      );
  };
  checkList("SERVICE", SERVICES);
  checkList("TYPE", TYPES);
  checkList("PROFIL", PROFILES);
  for (const key of ["OUTIL", "PROJET", "EXPLOITANT", "PLATEFORME"]) {
    const value = props[key];
    if (value !== undefined && (typeof value !== "string" || !LABEL.test(value))) {
      findings.push(
        at(
          "label-invalid",
          key,
          `${key} ${JSON.stringify(value)} is not an upper-case label of the national lists (A-Z, 0-9, _ or -)`,
          value,
        ),
      );
    }
  }
  if (props.UAI !== undefined && (typeof props.UAI !== "string" || !isValidUai(props.UAI))) {
    findings.push(
      at(
        "uai-invalid",
        "UAI",
        `UAI ${JSON.stringify(props.UAI)} is not 7 digits and a correct check letter`,
        props.UAI,
      ),
    );
  }
  return findings;
}

function checkVisitor(tag: TagReading, user: string | undefined, at: At): Finding[] {
  const visitor = tag.visitor;
  if (!visitor || visitor.id === undefined || visitor.id === "")
    return [
      at(
        "visitor-missing",
        "identifiedVisitor",
        "identifiedVisitor.set() is missing or gives no id: visitors cannot be counted",
      ),
    ];

  const findings: Finding[] = [];
  const profile = tag.props?.PROFIL;
  if (visitor.category !== profile) {
    findings.push(
      at(
        "visitor-category-mismatch",
        "identifiedVisitor.category",
        `category ${JSON.stringify(visitor.category)} is not the PROFIL ${JSON.stringify(profile)}`,
        visitor.category,
      ),
    );
  }
  const verdict = judgeVisitorId(visitor.id, user);
  if (verdict.kind === "raw")
    findings.push(
      at(
        "visitor-id-raw",
        "identifiedVisitor.id",
        `the id ${verdict.reason}: send a keyed hash of it (HMAC-SHA256)`,
        visitor.id,
      ),
    );
  if (verdict.kind === "unusual")
    findings.push(
      at("visitor-id-unusual", "identifiedVisitor.id", `the id ${verdict.reason}`, visitor.id),
    );
  return findings;
}

function checkPage(tag: TagReading, at: At): Finding[] {
  const page = tag.page;
  if (!page)
    return [at("page-missing", "page", "page.set() is never called: dispatch() sends nothing")];

  const findings: Finding[] = [];
  if (page.name === undefined || page.name === "")
    findings.push(at("name-missing", "page.name", "page.set() has no name"));
  for (const key of ["name", "chapter1", "chapter2", "chapter3"]) {
    const value = page[key];
    if (value !== undefined && value !== "" && (typeof value !== "string" || !isSafeLabel(value))) {
      findings.push(
        at(
          "label-unsafe",
          `page.${key}`,
          `${key} ${JSON.stringify(value)} has characters SmartTag sends unencoded (letters, digits and _ . ~ - only, 64 at most)`,
          value,
        ),
      );
    }
  }
  if (tag.props?.UAI !== undefined && page.level2 !== tag.props.UAI) {
    findings.push(
      at(
        "level2-mismatch",
        "page.level2",
        `level2 ${JSON.stringify(page.level2)} is not the UAI ${JSON.stringify(tag.props.UAI)}`,
        page.level2,
      ),
    );
  }
  return findings;
}
