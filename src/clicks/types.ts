/**
 * Compiled click rules: what a click on a link or button of a tagged page is sent as.
 * Built once with the plan; the browser gets a compact copy (client-config.ts).
 */

import type { HitType, Service, ServiceType } from "../reference/lists.js";
import type { PathPattern } from "../plan/pattern.js";
import type { LabelTemplate } from "../plan/template.js";
import type { ClickExpectFile } from "./schema.js";
import type { Selector } from "./selector.js";

/** Where a GAR rule reads the presentation code of the resource. */
export type GarCodeSource = { from: "query" | "attribute" | "param"; key: string };

/** Conditions of a click rule; undefined ones always hold. */
export interface ClickConditions {
  selector: Selector | undefined;
  /** true: only links to another host than the page's; false: only to the page's host. */
  external: boolean | undefined;
  /** Lower-case host names; `*.example.fr` kept as the suffix `.example.fr`. */
  hosts: string[] | undefined;
  pattern: PathPattern | undefined;
  query: [string, string][] | undefined;
}

/** A click rule as compiled from the plan. */
export interface CompiledClickRule {
  id: string;
  index: number;
  line: number | undefined;
  conditions: ClickConditions;
  /** undefined for a GAR rule: the presentation code gives it. */
  service: Service | undefined;
  outil: string;
  /** The rule's own TYPE, if it gives one. */
  type: ServiceType | undefined;
  /** TYPE of the OUTIL in `outils:`, used for targets on the page's own host. */
  outilType: ServiceType;
  hit: HitType | undefined;
  name: LabelTemplate;
  chapters: LabelTemplate[];
  gar: { code: GarCodeSource; unknownService: Service } | undefined;
  isCountedWhenPrevented: boolean;
}

/** A click example of the plan: an element on a page, and what it must resolve to. */
export interface CompiledClickExample {
  index: number;
  page: string;
  tag: string;
  href: string | undefined;
  attributes: Record<string, string>;
  expect: ClickExpectFile;
}

/** The compiled `clicks:` section. */
export interface CompiledClicks {
  rules: CompiledClickRule[];
  /** Lower-case extensions whose links are downloads. */
  downloadExtensions: string[];
  /** Same-origin path the page reports unknown GAR codes to, or undefined. */
  reportPath: string | undefined;
  examples: CompiledClickExample[];
}

/** A link or button as the matcher sees it (built from the DOM, or from an example). */
export interface ClickTarget {
  tag: string;
  attributes: Readonly<Record<string, string>>;
  /** The absolute http(s) URL it leads to (href, or a submit button's form action). */
  url: URL | undefined;
  /** Host name of the page holding it. */
  pageHost: string;
}

/** What the plan says about a click: the values of its hit, or why none is sent. */
export type ClickResolution =
  | {
      kind: "click";
      ruleId: string;
      service: Service;
      outil: string;
      type: ServiceType;
      hit: HitType;
      name: string;
      chapters: string[];
      /** The presentation code read by a GAR rule ("" when none), and whether it is unknown. */
      garCode: string | undefined;
      isUnknownGarCode: boolean;
    }
  | { kind: "skip"; reason: "no-rule" };
