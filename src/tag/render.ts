/**
 * Renders the two snippets dnma-tag inserts: the loader of smarttag_ENT.js for
 * <head>, and the tag script for the end of <body>, in the form of the DNMA
 * reference (§3.b.i). Output is pure ASCII and cannot break out of its script.
 * Usage: `const render = createTagRenderer(plan); render.tag(values)`.
 */

import type { Profile, Service, ServiceType } from "../reference/lists.js";

export interface TagValues {
  site: string;
  service: Service;
  type: ServiceType;
  outil: string;
  uai: string;
  profile: Profile;
  visitorId: string;
  name: string;
  chapters: readonly string[];
}

export interface TagRenderer {
  loader(nonce?: string): string;
  tag(values: TagValues, nonce?: string): string;
}

export interface PlatformLabels {
  projet: string;
  exploitant: string;
  plateforme: string;
}

/** Characters that are escaped in JS strings: non-ASCII, and what HTML could see. */
const UNSAFE_IN_SCRIPT = /[^\x20-\x7e]|[<>&]/g;
const NONCE = /^[A-Za-z0-9+/_=-]+$/;

/** A JSON string literal that is ASCII and safe inside an HTML <script>. */
export function toScriptString(value: string): string {
  return toScriptJson(value);
}

/** JSON of a value, ASCII and safe inside an HTML <script> (for compact configs). */
export function toScriptJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE_IN_SCRIPT, (char) => {
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

export interface TagRendererOptions {
  /** Statements to run just before `dispatch()` (the click and SPA client), given the values. */
  beforeDispatch?: ((values: TagValues) => string) | undefined;
}

/** Pre-renders what never changes for a plan; per request only values are filled. */
export function createTagRenderer(
  loaderSrc: string,
  platform: PlatformLabels,
  options: TagRendererOptions = {},
): TagRenderer {
  const src = loaderSrc.replace(/&/g, "&amp;");
  const platformProps =
    `"PROJET": ${toScriptString(platform.projet)}, ` +
    `"EXPLOITANT": ${toScriptString(platform.exploitant)}, ` +
    `"PLATEFORME": ${toScriptString(platform.plateforme)}`;

  return {
    loader(nonce) {
      return `<script type="text/javascript"${nonceAttribute(nonce)} src="${src}"></script>`;
    },
    tag(values, nonce) {
      const extra = options.beforeDispatch?.(values) ?? "";
      return `<script type="text/javascript"${nonceAttribute(nonce)}>${renderTagBody(values, platformProps, extra)}</script>`;
    },
  };
}

function renderTagBody(values: TagValues, platformProps: string, beforeDispatch: string): string {
  const uai = toScriptString(values.uai);
  const profile = toScriptString(values.profile);
  const props =
    `"SERVICE": ${toScriptString(values.service)}, "TYPE": ${toScriptString(values.type)}, ` +
    `"OUTIL": ${toScriptString(values.outil)}, "UAI": ${uai}, ${platformProps}, "PROFIL": ${profile}`;
  const chapters = values.chapters
    .map((chapter, index) => `, chapter${index + 1}: ${toScriptString(chapter)}`)
    .join("");

  // Note: the guard keeps a blocked or missing smarttag_ENT.js from raising an error.
  return (
    "\nif (window.ATInternet) {\n" +
    `var ATTag = new ATInternet.Tracker.Tag({site: ${toScriptString(values.site)}});\n` +
    `ATTag.setProps({${props}}, true);\n` +
    `ATTag.identifiedVisitor.set({id: ${toScriptString(values.visitorId)}, category: ${profile}});\n` +
    `ATTag.page.set({name: ${toScriptString(values.name)}${chapters}, level2: ${uai}});\n` +
    beforeDispatch +
    "ATTag.dispatch();\n}\n"
  );
}

function nonceAttribute(nonce: string | undefined): string {
  return nonce && NONCE.test(nonce) ? ` nonce="${nonce}"` : "";
}
