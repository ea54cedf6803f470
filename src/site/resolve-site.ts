/**
 * ID_SITE of an establishment: the plan's exact UAI entry, then its department
 * prefix, then the plan's default. Usage: `resolveSite(plan.sites, "0021593W")`.
 */

import { getUaiPrefix } from "../reference/uai.js";
import type { CompiledPlan } from "../plan/types.js";

/** The 6-digit site of `uai`, or undefined when the plan gives none. */
export function resolveSite(sites: CompiledPlan["sites"], uai: string): string | undefined {
  return sites.byUai.get(uai) ?? sites.byPrefix.get(getUaiPrefix(uai)) ?? sites.fallback;
}
