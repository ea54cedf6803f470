import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { auditPage } from "../../../src/audit/audit.js";
import { decodePage } from "../../../src/audit/read-page.js";

const FIXTURES = "test/fixtures/audit";

function auditFixture(file: string) {
  const report = auditPage(decodePage(readFileSync(`${FIXTURES}/${file}`)), {
    source: file,
    user: "jdupont",
    timeoutMs: 300,
  });
  return {
    report,
    codes: report.findings.map((item) => `${item.code} ${item.field} @${item.line ?? "-"}`),
  };
}

describe("auditPage on hand-tagged fixtures", () => {
  it.each(["hand-ok.html", "tricky-placement-ok.html", "deferred-ok.html"])(
    "passes the hand-tagged %s",
    (file) => {
      const { report } = auditFixture(file);
      expect([report.isConformant, report.findings]).toEqual([true, []]);
      expect(report.tag?.values).toMatchObject({
        site: "100002",
        SERVICE: "CAHIER_TEXTES",
        UAI: "0021593W",
        PROFIL: "ELEVE",
        "page.level2": "0021593W",
      });
    },
  );

  it.each([
    ["loader-in-body.html", ["loader-not-in-head loader @14"]],
    ["no-loader.html", ["loader-missing loader @-"]],
    ["tag-not-last.html", ["tag-not-at-body-end tag @14"]],
    ["tag-in-template.html", ["tag-missing tag @-", "tag-inert tag @14"]],
    ["no-site.html", ["site-missing site @14"]],
    ["bad-site.html", ["site-invalid site @15"]],
    ["bad-service.html", ["value-invalid SERVICE @18"]],
    ["missing-prop.html", ["props-missing PLATEFORME @14"]],
    ["bad-uai.html", ["uai-invalid UAI @21"]],
    ["level2-mismatch.html", ["level2-mismatch page.level2 @36"]],
    ["category-mismatch.html", ["visitor-category-mismatch identifiedVisitor.category @30"]],
    ["raw-email-id.html", ["visitor-id-raw identifiedVisitor.id @29"]],
    ["login-id.html", ["visitor-id-raw identifiedVisitor.id @29"]],
    ["charcodes-id.html", ["visitor-id-raw identifiedVisitor.id @29"]],
    ["double-dispatch.html", ["dispatch-count dispatch @14"]],
    ["no-dispatch.html", ["dispatch-count dispatch @14"]],
    ["unsafe-name.html", ["label-unsafe page.name @34", "label-unsafe page.chapter1 @35"]],
    [
      "script-error.html",
      ["script-error tag @14", "page-missing page @14", "dispatch-count dispatch @14"],
    ],
    [
      "endless.html",
      [
        "script-timeout tag @14",
        "props-missing setProps @14",
        "visitor-missing identifiedVisitor @14",
        "page-missing page @14",
        "dispatch-count dispatch @14",
      ],
    ],
  ])("fails %s with %j", (file, expected) => {
    const { report, codes } = auditFixture(file);
    expect(report.isConformant).toBe(false);
    expect(codes).toEqual(expected);
  });
});
