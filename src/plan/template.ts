/**
 * Label templates of the tagging plan: `"blog-{blogId}"` fills `{blogId}` from the
 * parameters captured by the rule's path pattern, sanitised for SmartTag.
 * Usage: `renderTemplate(parseTemplate("blog-{id}"), { id: "42" }) === "blog-42"`.
 */

import { isSafeLabel, MAX_LABEL_LENGTH, sanitizeLabel } from "../tag/sanitize.js";

export type TemplatePart = { kind: "text"; text: string } | { kind: "param"; name: string };

export interface LabelTemplate {
  source: string;
  parts: TemplatePart[];
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * Parses a template; throws an Error saying what is wrong when a literal part is not
 * a safe SmartTag label or a placeholder names no captured parameter.
 */
export function parseTemplate(source: string, paramNames: readonly string[]): LabelTemplate {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of source.matchAll(PLACEHOLDER)) {
    pushText(parts, source.slice(last, match.index));
    parts.push({ kind: "param", name: checkParamName(match[1] as string, paramNames) });
    last = match.index + match[0].length;
  }
  pushText(parts, source.slice(last));

  if (parts.length === 0) throw new Error("is empty");
  return { source, parts };
}

/** Fills a template; captured values are sanitised, the result cut to the label limit. */
export function renderTemplate(template: LabelTemplate, params: Record<string, string>): string {
  let label = "";
  for (const part of template.parts) {
    label += part.kind === "text" ? part.text : sanitizeLabel(params[part.name] ?? "");
  }
  return label.slice(0, MAX_LABEL_LENGTH);
}

/** Returns whether the template is plain text, with no placeholder. */
export function isLiteralTemplate(template: LabelTemplate): boolean {
  return template.parts.every((part) => part.kind === "text");
}

function pushText(parts: TemplatePart[], text: string): void {
  if (text === "") return;
  if (!isSafeLabel(text)) {
    const suggestion = sanitizeLabel(text);
    throw new Error(
      `has "${text}", which SmartTag cannot carry safely (letters, digits and _ . ~ - only, ` +
        `at most ${MAX_LABEL_LENGTH})${suggestion ? `; write "${suggestion}"` : ""}`,
    );
  }
  parts.push({ kind: "text", text });
}

function checkParamName(name: string, paramNames: readonly string[]): string {
  if (paramNames.includes(name)) return name;

  const known = paramNames.length > 0 ? paramNames.map((n) => `{${n}}`).join(", ") : "none";
  throw new Error(`uses {${name}}, which the path pattern does not capture (captured: ${known})`);
}
