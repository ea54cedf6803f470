import type { Registry } from "prom-client";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app.js";
import { CLICKS_PLAN } from "../support/plans.js";

async function unknownCodeCounts(registry: Registry) {
  const metric = await registry.getSingleMetric("dnma_tag_gar_unknown_codes_total")?.get();
  return Object.fromEntries(
    (metric?.values ?? []).map((value) => [
      `${value.labels.rule}/${value.labels.code}`,
      value.value,
    ]),
  );
}

describe("the report endpoint of unknown GAR codes", () => {
  it("answers 204 and counts same-origin reports by rule and code", async () => {
    const { app, registry, logs } = createTestApp(() => {}, {}, CLICKS_PLAN);

    for (const query of [
      "rule=gar&gar=XYZ",
      "rule=gar&gar=XYZ",
      "rule=gar-tile&gar=",
      "rule=gar&gar=%3Cscript%3E",
    ]) {
      const response = await request(app)
        .post(`/__dnma-tag/report?${query}`)
        .set("Sec-Fetch-Site", "same-origin");
      expect(response.status).toBe(204);
      expect(response.headers["cache-control"]).toBe("no-store");
    }
    await request(app)
      .post("/__dnma-tag/report?rule=gar&gar=ABC")
      .set("Sec-Fetch-Site", "cross-site")
      .expect(204);
    await request(app).post("/__dnma-tag/report?rule=files&gar=ABC").expect(204);
    // Not from the page itself (no Fetch Metadata), or a code the page never reports:
    await request(app).post("/__dnma-tag/report?rule=gar&gar=NOSITE").expect(204);
    await request(app)
      .post("/__dnma-tag/report?rule=gar&gar=man")
      .set("Sec-Fetch-Site", "same-origin")
      .expect(204);

    expect(await unknownCodeCounts(registry)).toEqual({
      "gar/XYZ": 2,
      "gar-tile/none": 1,
      "gar/invalid": 1,
    });
    expect(
      logs
        .filter((log) => log.msg === "a page met a GAR presentation code the plan does not map")
        .map((log) => [log.rule, log.code]),
    ).toEqual([
      ["gar", "XYZ"],
      ["gar-tile", "none"],
      ["gar", "invalid"],
    ]);
  });

  it("leaves other methods and paths to the application", async () => {
    const { app } = createTestApp(
      (routes) => routes.get("/__dnma-tag/report", (_req, res) => res.send("app")),
      {},
      CLICKS_PLAN,
    );
    expect((await request(app).get("/__dnma-tag/report?rule=gar&gar=X")).text).toBe("app");
    expect((await request(app).post("/__dnma-tag/reports?rule=gar&gar=X")).status).toBe(404);
  });

  it("is off when the plan says report: false", async () => {
    const { app } = createTestApp(
      () => {},
      {},
      CLICKS_PLAN.replace("clicks:\n", "clicks:\n  report: false\n"),
    );
    expect((await request(app).post("/__dnma-tag/report?rule=gar&gar=X")).status).toBe(404);
  });
});
