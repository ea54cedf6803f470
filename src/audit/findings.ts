/**
 * What `dnma-tag audit` can find wrong with a tagged page: one stable code per kind
 * of problem, its severity (an error makes the page non-conformant) and a short text.
 * Usage: `finding("uai-invalid", "UAI", 42, 'UAI "0021593X" has a wrong check letter')`.
 */

export const FINDING_CODES = {
  "loader-missing": { severity: "error", text: 'no <script src=".../smarttag_ENT.js">' },
  "loader-not-in-head": { severity: "error", text: "the smarttag_ENT.js loader is not in <head>" },
  "loader-repeated": { severity: "warning", text: "smarttag_ENT.js is loaded more than once" },
  "tag-missing": { severity: "error", text: "no script creates an ATInternet.Tracker.Tag" },
  "tag-inert": { severity: "error", text: "a tag script sits where browsers never run it" },
  "tag-not-at-body-end": {
    severity: "error",
    text: "the tag is not the last thing before the real </body>",
  },
  "tag-nested": {
    severity: "warning",
    text: "the tag is last in <body> but inside another element",
  },
  "no-body-end": {
    severity: "warning",
    text: "the page has no </body>: the tag closes the document",
  },
  "script-error": { severity: "error", text: "the tag script throws" },
  "script-timeout": { severity: "error", text: "the tag script does not finish in time" },
  "site-missing": {
    severity: "error",
    text: "no site: SmartTag would count the page on its example site 365203",
  },
  "site-invalid": { severity: "error", text: "ID_SITE is not 6 digits" },
  "props-missing": { severity: "error", text: "a required property is missing from setProps" },
  "props-not-persistent": {
    severity: "warning",
    text: "setProps(props, true) is expected, so that every hit of the page has them",
  },
  "value-invalid": { severity: "error", text: "a property is not a value of the reference lists" },
  "label-invalid": {
    severity: "error",
    text: "a label is not an upper-case label of the national lists",
  },
  "plan-mismatch": {
    severity: "error",
    text: "a value differs from what the tagging plan says for this URL",
  },
  "uai-invalid": { severity: "error", text: "the UAI has a wrong shape or check letter" },
  "level2-mismatch": { severity: "error", text: "page.set level2 is not the UAI" },
  "visitor-missing": {
    severity: "error",
    text: "identifiedVisitor.set({id, category}) is missing",
  },
  "visitor-category-mismatch": {
    severity: "error",
    text: "the visitor category is not the PROFIL",
  },
  "visitor-id-raw": {
    severity: "error",
    text: "the visitor id looks like a raw, not pseudonymised, id",
  },
  "visitor-id-unusual": {
    severity: "warning",
    text: "the visitor id does not look like a keyed hash",
  },
  "page-missing": {
    severity: "error",
    text: "page.set() is never called: dispatch() sends nothing",
  },
  "name-missing": { severity: "warning", text: "page.set() gives no name" },
  "label-unsafe": {
    severity: "error",
    text: "a name or chapter SmartTag would send unencoded and broken",
  },
  "dispatch-count": { severity: "error", text: "dispatch() is not called exactly once" },
} as const satisfies Record<string, { severity: "error" | "warning"; text: string }>;

export type FindingCode = keyof typeof FINDING_CODES;

export interface Finding {
  code: FindingCode;
  severity: "error" | "warning";
  /** The property or part of the tag at fault: `SERVICE`, `site`, `loader`... */
  field: string;
  /** Line in the page, when known. */
  line: number | undefined;
  message: string;
}

/** A finding with the severity of its code. */
export function finding(
  code: FindingCode,
  field: string,
  line: number | undefined,
  message: string,
): Finding {
  return { code, severity: FINDING_CODES[code].severity, field, line, message };
}
