/**
 * The one error type of dnma-tag, with stable codes kept in one catalogue.
 * Usage: `throw new DnmaError("PLAN_INVALID", "2 problems in plan.yaml", { issues })`.
 */

export const ERROR_CODES = {
  PLAN_NOT_FOUND: "the plan file cannot be read",
  PLAN_YAML_SYNTAX: "the plan file is not valid YAML",
  PLAN_INVALID: "the plan breaks the plan format or the DNMA reference",
  SECRET_MISSING: "no pseudonymisation secret was given",
  SECRET_WEAK: "the pseudonymisation secret is too short",
  OPTION_INVALID: "an option has a value it cannot take",
  CONFIG_INVALID: "a configuration file breaks its format",
  LISTEN_FAILED: "the server cannot listen on the address it was given",
  CLIENT_NOT_BUILT: "the click/SPA client script is missing: run npm run build",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One problem found in a plan or configuration file, located as precisely as known. */
export interface FileIssue {
  file: string;
  line: number | undefined;
  /** Dotted path of the field, e.g. `pages[3].service`. */
  field: string;
  message: string;
}

export class DnmaError extends Error {
  readonly code: ErrorCode;
  readonly issues: readonly FileIssue[];
  /** The first line of the message, without the issues. */
  readonly headline: string;

  constructor(
    code: ErrorCode,
    message: string,
    details: { issues?: FileIssue[]; cause?: unknown } = {},
  ) {
    const issues = details.issues ?? [];
    // Note: the issues are part of the message, so that an uncaught error shows them.
    super([message, ...issues.map(formatIssue)].join("\n"), { cause: details.cause });
    this.name = "DnmaError";
    this.code = code;
    this.issues = issues;
    this.headline = message;
  }

  /** The message followed by one `file:line: field: message` line per issue. */
  describe(): string {
    return this.message;
  }
}

/** `plan.yaml:42: pages[3].service: SERVICE "NOTE" is not one of …` */
export function formatIssue(issue: FileIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  return issue.field ? `${where}: ${issue.field}: ${issue.message}` : `${where}: ${issue.message}`;
}

/** Dotted path of a field: `["pages", 3, "service"]` → `pages[3].service`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === "number" ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`,
    )
    .join("");
}
