import { describe, expect, it } from "vitest";
import { describeClick, toClickTarget } from "../../../src/clicks/match.js";
import { parsePlan } from "../../../src/plan/load.js";
import { CLICKS_PLAN } from "../../support/plans.js";

const plan = parsePlan(CLICKS_PLAN, "plan.yaml");

function click(
  href: string | undefined,
  attributes: Record<string, string> = {},
  tag = "a",
  page = "https://ent.example.fr/cdi",
) {
  const resolution = describeClick(
    plan.clicks,
    toClickTarget(page, tag, href === undefined ? attributes : { ...attributes, href }, href),
  );
  if (resolution.kind === "skip") return { skip: resolution.reason };
  const { ruleId, service, outil, type, hit, name, chapters, garCode, isUnknownGarCode } =
    resolution;
  return { ruleId, service, outil, type, hit, name, chapters, garCode, isUnknownGarCode };
}

describe("describeClick", () => {
  it.each([
    ["MAN", "MANUEL_NUMERIQUE"],
    ["dic", "RESSOURCE_REFERENCE_DICTIONNAIRE"],
    ["DOC", "RESSOURCE_DOCUMENTAIRE"],
    ["ORI", "RESSOURCE_ORIENTATION"],
    ["MUL", "RESSOURCE_MULTIMEDIA"],
    [" PRO ", "RESSOURCE_PRODUCTION"],
    ["ACC", "RESSOURCE_ACCOMPAGNEMENT_ENTRAINEMENT"],
  ])("maps the GAR presentation code %j to %s", (code, service) => {
    expect(
      click(`https://gar.example.fr/ressource/ark-42?type=${encodeURIComponent(code)}`),
    ).toEqual({
      ruleId: "gar",
      service,
      outil: "GAR_RESSOURCE",
      type: "TIERS",
      hit: "navigation",
      name: "gar-ark-42",
      chapters: [code.trim().toUpperCase()],
      garCode: code.trim().toUpperCase(),
      isUnknownGarCode: false,
    });
  });

  it.each([
    ["?type=XYZ", "XYZ"],
    ["", ""],
    ["?type=constructor", "CONSTRUCTOR"],
  ])("gives an unknown GAR code %s the configured SERVICE", (query, code) => {
    expect(click(`https://www.gar.example.fr/ressource/r1${query}`)).toMatchObject({
      service: "RESSOURCE_DOCUMENTAIRE",
      garCode: code,
      isUnknownGarCode: true,
    });
  });

  it("reads the GAR code from a data attribute when the rule says so", () => {
    expect(click("/mediacentre/tile/3", { class: "gar-tile", "data-code": "mul" })).toMatchObject({
      ruleId: "gar-tile",
      service: "RESSOURCE_MULTIMEDIA",
      outil: "GAR_RESSOURCE",
      type: "TIERS",
      name: "tuile_gar",
    });
  });

  it.each([
    ["/files/report.pdf", {}, "download"],
    ["/files/report.ODT", {}, "download"],
    ["/files/report.html", {}, "navigation"],
    ["/files/report.html", { download: "" }, "download"],
    ["/files/.pdf", {}, "navigation"],
  ])("types a click on %s %j as %s", (href, attributes, hit) => {
    expect(click(href, attributes)).toMatchObject({ ruleId: "files", hit, type: "NATIF" });
  });

  it("tags a button without a URL by selector, as an action", () => {
    expect(click(undefined, { id: "open-tool", type: "button" }, "button")).toMatchObject({
      ruleId: "tool",
      service: "SERVICES_VIE_SCOLAIRE",
      outil: "TOOL_T",
      type: "TIERS",
      hit: "action",
    });
    expect(click(undefined, { role: "button", class: "tool" }, "div")).toMatchObject({
      ruleId: "tool",
    });
    expect(click(undefined, { id: "other" }, "button")).toEqual({ skip: "no-rule" });
  });

  it("captures query values for names and honours the hit type of the rule", () => {
    expect(click("/search?q=Victor%20Hugo")).toMatchObject({
      ruleId: "search",
      hit: "action",
      name: "recherche-Victor_Hugo",
    });
    expect(click("https://ent.example.fr:8443/search?q=x")).toMatchObject({ ruleId: "search" });
    expect(click("/search")).toEqual({ skip: "no-rule" });
  });

  it("calls a target external when its host name differs from the page's", () => {
    expect(click("https://www.education.gouv.fr/")).toMatchObject({
      ruleId: "out",
      type: "TIERS",
      name: "lien-www.education.gouv.fr",
      hit: "navigation",
    });
    expect(click("http://ent.example.fr/page")).toEqual({ skip: "no-rule" });
    expect(click("https://sub.ent.example.fr/search?q=a")).toMatchObject({ ruleId: "out" });
  });

  it.each(["mailto:vie.scolaire@example.fr", "javascript:void(0)", "#top"])(
    "leaves %s to no rule",
    (href) => {
      expect(click(href)).toEqual({ skip: "no-rule" });
    },
  );
});
