/**
 * Where the loader and the tag sit (référentiel DNMA §3.b.ii and §3): the loader of
 * smarttag_ENT.js in <head>, the tag script last before the real </body> as the HTML
 * standard's parser sees it, nothing of it inside markup that never runs.
 * Usage: `checkPlacement(readPage(html), tagScript)`.
 */

import { type Finding, finding } from "./findings.js";
import type { PageFacts, ScriptFacts } from "./read-page.js";

const LOADER_SRC = /(^|\/)smarttag_ENT\.js([?#]|$)/i;

/** The scripts that load smarttag_ENT.js. */
export function findLoaders(scripts: readonly ScriptFacts[]): ScriptFacts[] {
  return scripts.filter((script) => script.src !== undefined && LOADER_SRC.test(script.src.trim()));
}

/** Placement problems of the loader and of `tag` (the script that creates the tracker, if any). */
export function checkPlacement(facts: PageFacts, tag: ScriptFacts | undefined): Finding[] {
  const findings = [...checkLoader(facts)];
  for (const line of facts.inertTagLines) {
    findings.push(finding("tag-inert", "tag", line, "a tag script inside <template> never runs"));
  }
  if (facts.bodyEndLine === undefined)
    findings.push(finding("no-body-end", "tag", undefined, "the page has no </body> end tag"));
  if (tag) findings.push(...checkTag(tag));
  return findings;
}

function checkLoader(facts: PageFacts): Finding[] {
  const loaders = findLoaders(facts.scripts);
  const first = loaders[0];
  if (!first)
    return [
      finding(
        "loader-missing",
        "loader",
        undefined,
        'no <script src=".../smarttag_ENT.js"> in the page',
      ),
    ];

  const findings: Finding[] = [];
  if (!first.isInHead)
    findings.push(
      finding(
        "loader-not-in-head",
        "loader",
        first.line,
        `the loader is in <${first.parent}>, not in <head>`,
      ),
    );
  if (loaders.length > 1)
    findings.push(
      finding(
        "loader-repeated",
        "loader",
        loaders[1]?.line,
        `smarttag_ENT.js is loaded ${loaders.length} times`,
      ),
    );
  return findings;
}

function checkTag(tag: ScriptFacts): Finding[] {
  if (!tag.isInBody)
    return [
      finding(
        "tag-not-at-body-end",
        "tag",
        tag.line,
        `the tag script is in <${tag.parent}>, not at the end of <body>`,
      ),
    ];
  if (tag.followedBy)
    return [
      finding(
        "tag-not-at-body-end",
        "tag",
        tag.line,
        `the tag script is followed by ${tag.followedBy} before </body>`,
      ),
    ];
  if (tag.parent !== "body")
    return [
      finding(
        "tag-nested",
        "tag",
        tag.line,
        `the tag script is the last content of <body> but inside <${tag.parent}>`,
      ),
    ];
  return [];
}
