/**
 * Runs the built client script (dist/client/dnma-client.min.js) in a Node vm with a
 * minimal fake window, so that its matchers can be compared with the server's.
 */

import vm from "node:vm";
import { readClientSource } from "../../src/clicks/client-script.js";
import { toClientConfig } from "../../src/clicks/client-config.js";
import { matchesSelector, parseSelector } from "../../src/clicks/selector.js";
import type { CompiledPlan } from "../../src/plan/types.js";

export interface ClientClick {
  rule: string;
  service: string;
  outil: string;
  type: string;
  hit: string;
  name: string;
  chapters: string[];
  garCode: string | undefined;
  isUnknownGarCode: boolean;
}

export interface ClientPage {
  service: string;
  outil: string;
  type: string;
  name: string;
  chapters: string[];
}

export interface ClientMatchers {
  describeClick(element: unknown, pageHost: string): ClientClick | null;
  resolvePage(url: URL): ClientPage | null;
}

type Listener = (event: object) => void;

/**
 * A fake window whose location is `page`. `listeners` holds what the client adds, by
 * `type:capture`; `timers` the callbacks it schedules (run them by hand); `beacons` the
 * URLs it sends with sendBeacon, unless `hasBeacon` is false.
 */
export function createFakeWindow(page: string, hasBeacon = true) {
  const listeners = new Map<string, Listener>();
  const timers: (() => void)[] = [];
  const beacons: string[] = [];
  const window = {
    document: { baseURI: page, addEventListener() {} },
    location: new URL(page),
    navigator: hasBeacon ? { sendBeacon: (url: string) => beacons.push(url) > 0 } : {},
    history: { pushState() {}, replaceState() {} },
    URL,
    URLSearchParams,
    Element: { prototype: { closest() {} } },
    addEventListener: (type: string, listener: Listener, capture: boolean) =>
      listeners.set(`${type}:${capture}`, listener),
    setTimeout: (callback: () => void) => timers.push(callback),
  };
  return { window, listeners, timers, beacons };
}

/** The client's matchers for a plan, run on a page at `page`. */
export function loadClientMatchers(
  plan: CompiledPlan,
  page = "https://ent.example/",
  tracker: unknown = {},
): ClientMatchers {
  const client = vm.runInNewContext(`(${readClientSource()})`);
  return client(toClientConfig(plan), tracker, "0021593W", createFakeWindow(page).window);
}

/** A fake element with the DOM methods the client uses; `href` of a button = its form action. */
export function createFakeElement(
  tag: string,
  attributes: Record<string, string>,
  href: string | undefined,
  _page: string,
) {
  const isButton = tag !== "a" && tag !== "area";
  const all = !isButton && href !== undefined ? { ...attributes, href } : attributes;
  return {
    localName: tag,
    type: isButton ? "submit" : undefined,
    form:
      isButton && href !== undefined
        ? { getAttribute: (name: string) => (name === "action" ? href : null) }
        : null,
    getAttribute: (name: string) => all[name] ?? null,
    hasAttribute: (name: string) => name in all,
    matches: (selector: string) =>
      matchesSelector(parseSelector(selector), { tag, attributes: all }),
  };
}
