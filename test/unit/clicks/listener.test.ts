import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { readClientSource } from "../../../src/clicks/client-script.js";
import { toClientConfig } from "../../../src/clicks/client-config.js";
import { parsePlan } from "../../../src/plan/load.js";
import { createFakeElement, createFakeWindow } from "../../support/client.js";
import { CLICKS_PLAN } from "../../support/plans.js";

const PAGE = "https://ent.example.fr/cdi";
const plan = parsePlan(
  CLICKS_PLAN.replace(
    "      name: tuile_gar\n",
    "      name: tuile_gar\n      even_if_prevented: true\n",
  ),
  "plan.yaml",
);

/** The client on a fake page, a tracker that records, and a way to click an element. */
function setUp(options: { hasBeacon?: boolean; failingSend?: boolean } = {}) {
  const calls: unknown[][] = [];
  const tracker = {
    setProps: (props: unknown, persistent: boolean) => calls.push(["setProps", props, persistent]),
    click: {
      send: (send: Record<string, unknown>) => {
        calls.push([
          "click.send",
          { ...send, elem: send.elem === undefined ? undefined : "<elem>" },
        ]);
        if (options.failingSend) throw new Error("library failure");
      },
    },
  };
  const fake = createFakeWindow(PAGE, options.hasBeacon ?? true);
  vm.runInNewContext(`(${readClientSource()})`)(
    toClientConfig(plan),
    tracker,
    "0021593W",
    fake.window,
  );

  function click(
    element: object,
    event: { type?: string; button?: number; prevented?: boolean; stopped?: boolean } = {},
  ) {
    const type = event.type ?? "click";
    // One event object through both phases, as in a browser.
    const fired = {
      type,
      button: event.button ?? 0,
      defaultPrevented: event.prevented ?? false,
      composedPath: () => [element],
      target: element,
      eventPhase: 1,
    };
    fake.listeners.get(`${type}:true`)?.(fired);
    fired.eventPhase = 3;
    if (!event.stopped) fake.listeners.get(`${type}:false`)?.(fired);
  }
  return { calls, click, ...fake };
}

function link(href: string, attributes: Record<string, string> = {}) {
  const element = createFakeElement("a", attributes, href, PAGE);
  return Object.assign(element, { closest: () => element });
}

const MAN_LINK = "https://gar.example.fr/ressource/ark-42?type=MAN";
const MAN_CALLS = (elem: string | undefined) => [
  ["setProps", { SERVICE: "MANUEL_NUMERIQUE", OUTIL: "GAR_RESSOURCE", TYPE: "TIERS" }, false],
  [
    "click.send",
    { name: "gar-ark-42", type: "navigation", level2: "0021593W", chapter1: "MAN", elem },
  ],
];

describe("the client's click listener", () => {
  it("listens on window in the capture and bubble phases, for click and auxclick", () => {
    expect([...setUp().listeners.keys()]).toEqual([
      "click:true",
      "click:false",
      "auxclick:true",
      "auxclick:false",
      "pagehide:undefined",
    ]);
  });

  it("sets the click's properties for one hit, then sends it with elem when sendBeacon exists", () => {
    const page = setUp();
    page.click(link(MAN_LINK));
    expect(page.calls).toEqual(MAN_CALLS("<elem>"));
    expect(page.timers.length).toBe(1);
    page.timers[0]?.();
    expect(page.calls.length).toBe(2);
  });

  it("gives no elem without sendBeacon, so that the library cannot navigate itself", () => {
    const page = setUp({ hasBeacon: false });
    page.click(link(MAN_LINK));
    expect(page.calls).toEqual(MAN_CALLS(undefined));
  });

  it("sends a middle click, not a right click", () => {
    const page = setUp();
    page.click(link(MAN_LINK), { type: "auxclick", button: 2 });
    expect(page.calls).toEqual([]);
    page.click(link(MAN_LINK), { type: "auxclick", button: 1 });
    expect(page.calls).toEqual(MAN_CALLS("<elem>"));
  });

  it("leaves a prevented click untagged unless the rule counts it, then without elem", () => {
    const page = setUp();
    page.click(link(MAN_LINK), { prevented: true });
    expect(page.calls).toEqual([]);
    page.click(link("/tile", { class: "gar-tile", "data-code": "DOC" }), { prevented: true });
    expect(page.calls).toEqual([
      [
        "setProps",
        { SERVICE: "RESSOURCE_DOCUMENTAIRE", OUTIL: "GAR_RESSOURCE", TYPE: "TIERS" },
        false,
      ],
      [
        "click.send",
        { name: "tuile_gar", type: "navigation", level2: "0021593W", elem: undefined },
      ],
    ]);
  });

  it("sends a click a page handler stopped, in the next task", () => {
    const page = setUp();
    page.click(link(MAN_LINK), { stopped: true });
    expect(page.calls).toEqual([]);
    page.timers[0]?.();
    expect(page.calls).toEqual(MAN_CALLS("<elem>"));
  });

  it("waits for each click's own bubble pass when a handler dispatches another click", () => {
    const page = setUp();
    const outer = link(MAN_LINK);
    const inner = link("/tile", { class: "gar-tile", "data-code": "ORI" });
    const event = (element: object) => ({
      type: "click",
      button: 0,
      defaultPrevented: false,
      composedPath: () => [element],
      target: element,
      eventPhase: 1,
    });
    const [first, second] = [event(outer), event(inner)];

    page.listeners.get("click:true")?.(first);
    page.listeners.get("click:true")?.(second);
    second.eventPhase = 3;
    page.listeners.get("click:false")?.(second);
    first.defaultPrevented = true;
    first.eventPhase = 3;
    page.listeners.get("click:false")?.(first);

    expect(
      page.calls.map((call) =>
        call[0] === "click.send" ? (call[1] as { name: string }).name : call[0],
      ),
    ).toEqual(["setProps", "tuile_gar"]);
  });

  it("sends a stopped click at pagehide when the page unloads before the next task", () => {
    const page = setUp();
    page.click(link(MAN_LINK), { stopped: true });
    page.listeners.get("pagehide:undefined")?.({ type: "pagehide" });
    expect(page.calls).toEqual(MAN_CALLS("<elem>"));
    page.timers[0]?.();
    expect(page.calls.length).toBe(2);
  });

  it("reports an unknown GAR code to the plan's report path", () => {
    const page = setUp();
    page.click(link("https://gar.example.fr/ressource/ark-7?type=X%26Y"));
    expect(page.beacons).toEqual(["/__dnma-tag/report?rule=gar&gar=X%26Y"]);
    page.click(link(MAN_LINK));
    expect(page.beacons.length).toBe(1);
  });

  it("keeps a failure of the library inside the listener", () => {
    const page = setUp({ failingSend: true });
    expect(() => page.click(link(MAN_LINK))).not.toThrow();
    expect(page.calls.length).toBe(2);
  });

  it("ignores clicks on links no rule matches", () => {
    const page = setUp();
    page.click(link("/notes"));
    expect(page.calls).toEqual([]);
  });
});
