import { describe, expect, it } from "vitest";
import { createTagRenderer, toScriptString } from "../../../src/tag/render.js";

const renderer = createTagRenderer("/dnma/smarttag_ENT.js", {
  projet: "P1",
  exploitant: "E1",
  plateforme: "PF1",
});
const values = {
  site: "100002",
  service: "NOTES" as const,
  type: "NATIF" as const,
  outil: "ENT_DEMO",
  uai: "0021593W",
  profile: "ELEVE" as const,
  visitorId: "ab12",
  name: "releve",
  chapters: ["scolarite", "notes"],
};

describe("createTagRenderer", () => {
  it("renders the loader of the reference", () => {
    expect(renderer.loader()).toBe(
      '<script type="text/javascript" src="/dnma/smarttag_ENT.js"></script>',
    );
    expect(renderer.loader("n0nce")).toBe(
      '<script type="text/javascript" nonce="n0nce" src="/dnma/smarttag_ENT.js"></script>',
    );
  });

  it("renders the tag with every property of the reference", () => {
    expect(renderer.tag(values)).toBe(
      '<script type="text/javascript">\nif (window.ATInternet) {\n' +
        'var ATTag = new ATInternet.Tracker.Tag({site: "100002"});\n' +
        'ATTag.setProps({"SERVICE": "NOTES", "TYPE": "NATIF", "OUTIL": "ENT_DEMO", "UAI": "0021593W", "PROJET": "P1", "EXPLOITANT": "E1", "PLATEFORME": "PF1", "PROFIL": "ELEVE"}, true);\n' +
        'ATTag.identifiedVisitor.set({id: "ab12", category: "ELEVE"});\n' +
        'ATTag.page.set({name: "releve", chapter1: "scolarite", chapter2: "notes", level2: "0021593W"});\n' +
        "ATTag.dispatch();\n}\n</script>",
    );
  });

  it("drops a nonce that could break out of its attribute", () => {
    expect(renderer.tag(values, 'x" onload="y')).toMatch(/^<script type="text\/javascript">/);
  });
});

describe("toScriptString", () => {
  it("keeps the output ASCII and free of what HTML would read", () => {
    expect(toScriptString("</script><!--é\u2028\u2029&'\"")).toBe(
      '"\\u003c/script\\u003e\\u003c!--\\u00e9\\u2028\\u2029\\u0026\'\\""',
    );
  });
});
