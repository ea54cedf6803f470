/**
 * A tag against the tagging plan: for the page's URL, the SERVICE, OUTIL, TYPE, name
 * and chapters the plan gives, the platform labels, the declared OUTILs and the site
 * of the UAI. Usage: `checkAgainstPlan(tag, plan, "/notes", 40)`.
 */

import { resolvePage, toPageRequest } from "../plan/resolve.js";
import type { CompiledPlan } from "../plan/types.js";
import { resolveSite } from "../site/resolve-site.js";
import { locate, type ValueContext } from "./check-values.js";
import { type Finding, finding } from "./findings.js";
import type { TagReading } from "./read-tag.js";

/** Every value of the tag that differs from what the plan says for `url`. */
export function checkAgainstPlan(
  tag: TagReading,
  plan: CompiledPlan,
  url: string,
  script: ValueContext,
): Finding[] {
  const mismatch = (field: string, message: string, value?: unknown) =>
    finding("plan-mismatch", field, locate(script, value), `${message} (plan ${plan.name})`);
  const resolution = resolvePage(plan, toPageRequest(url));
  if (resolution.kind === "skip")
    return [
      mismatch("url", `the plan never tags ${url} (${resolution.reason}), yet the page has a tag`),
    ];

  const props = tag.props ?? {};
  const expected: [string, unknown, unknown][] = [
    ["SERVICE", props.SERVICE, resolution.service],
    ["OUTIL", props.OUTIL, resolution.outil],
    ["TYPE", props.TYPE, resolution.type],
    ["PROJET", props.PROJET, plan.platform.projet],
    ["EXPLOITANT", props.EXPLOITANT, plan.platform.exploitant],
    ["PLATEFORME", props.PLATEFORME, plan.platform.plateforme],
    ["page.name", tag.page?.name, resolution.name],
    ...resolution.chapters.map((chapter, index): [string, unknown, unknown] => [
      `page.chapter${index + 1}`,
      tag.page?.[`chapter${index + 1}`],
      chapter,
    ]),
  ];
  const findings = expected
    .filter(([, actual, wanted]) => actual !== wanted)
    .map(([field, actual, wanted]) =>
      mismatch(
        field,
        `${field} is ${JSON.stringify(actual)}; rule "${resolution.ruleId}" gives ${JSON.stringify(wanted)}`,
        actual,
      ),
    );

  const site = typeof props.UAI === "string" ? resolveSite(plan.sites, props.UAI) : undefined;
  if (site !== undefined && tag.site !== site)
    findings.push(
      mismatch(
        "site",
        `site is ${JSON.stringify(tag.site)}; the plan gives ${site} for UAI ${props.UAI}`,
        tag.site,
      ),
    );
  return findings;
}
