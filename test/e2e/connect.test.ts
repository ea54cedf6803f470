import connect from "connect";
import { describe, expect, it } from "vitest";
import { dnmaTag } from "../../src/middleware/dnma-tag.js";
import { parsePlan } from "../../src/plan/load.js";
import { expectedSnippets, PAGE, TEST_SECRET, taggedPage } from "../support/app.js";
import { MINIMAL_PLAN } from "../support/plans.js";
import { getOnce } from "../support/raw-http.js";

describe("dnmaTag with Connect and plain Node responses", () => {
  it("tags a page written with the bare http.ServerResponse API", async () => {
    const app = connect();
    app.use(
      dnmaTag({
        plan: parsePlan(MINIMAL_PLAN, "plan.yaml"),
        secret: TEST_SECRET,
        identify: () => ({ id: "jdupont", aafProfile: "National_ELV", uai: "0021593W" }),
      }),
    );
    app.use((_req: unknown, res: import("node:http").ServerResponse) => {
      res.statusCode = 200;
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.write(PAGE.slice(0, 40));
      res.end(PAGE.slice(40));
    });
    const response = await getOnce(app, "/home");

    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe(taggedPage(PAGE, expectedSnippets()));
    expect(response.headers["transfer-encoding"]).toBe("chunked");
  });
});
