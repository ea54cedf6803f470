import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { CoverageCounter } from "../../../src/coverage/coverage.js";
import { createProgressBar, renderBar } from "../../../src/coverage/progress.js";
import { readLogLines } from "../../../src/coverage/read-lines.js";
import { OTHER_KEY, TopCounter } from "../../../src/coverage/top-counter.js";
import { parsePlan } from "../../../src/plan/load.js";
import { MINIMAL_PLAN } from "../../support/plans.js";

const dir = mkdtempSync(join(tmpdir(), "dnma-lines-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(file: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readLogLines(file)) lines.push(line);
  return lines;
}

describe("readLogLines", () => {
  it("splits plain text on line feeds, keeping a last line without one and multi-byte characters cut across chunks", async () => {
    const file = join(dir, "plain.log");
    const long = "é".repeat(200_000);
    writeFileSync(file, `a\r\nb\n\n${long}\nlast`);
    expect(await collect(file)).toEqual(["a\r", "b", "", long, "last"]);
  });

  it("gunzips a file that starts with the gzip magic bytes, whatever its name", async () => {
    const file = join(dir, "rotated.1");
    writeFileSync(file, Buffer.concat([gzipSync("one\ntw"), gzipSync("o\nthree\n")]));
    expect(await collect(file)).toEqual(["one", "two", "three"]);
  });

  it("rejects on a file that is not there", async () => {
    await expect(collect(join(dir, "none.log"))).rejects.toMatchObject({ code: "ENOENT" });
  });
});

describe("CoverageCounter", () => {
  it("gives the same answer for repeated URLs whether cached or not, and keeps query conditions exact", () => {
    const counter = new CoverageCounter(parsePlan(MINIMAL_PLAN, "plan.yaml"), {
      host: "ent.example.fr",
    });
    const line = (target: string) =>
      `1.2.3.4 - - [01/Sep/2026:08:00:00 +0000] "GET ${target} HTTP/1.1" 200 1 "-" "-"`;
    for (const target of [
      "/tool?view=list",
      "/tool?view=grid",
      "/tool?view=list",
      "/home?a=1",
      "/home?a=2",
    ])
      counter.addLine(line(target));
    const report = counter.report();

    expect(report.rules.map((rule) => [rule.id, rule.hits])).toEqual([
      ["home", 2],
      ["blog", 0],
      ["tool", 2],
      ["fallback", 1],
    ]);
    expect(report.fallbackUrls).toEqual([{ path: "/tool", hits: 1 }]);
  });

  it("lets an absolute-form target keep its own host over --host", () => {
    const counter = new CoverageCounter(parsePlan(MINIMAL_PLAN, "plan.yaml"), {
      host: "ent.example.fr",
    });
    counter.addLine(
      '1.2.3.4 - - [01/Sep/2026:08:00:00 +0000] "GET http://other.fr/tool?view=list HTTP/1.1" 200 1 "-" "-"',
    );
    counter.addLine(
      '1.2.3.4 - - [01/Sep/2026:08:00:00 +0000] "GET /tool?view=list HTTP/1.1" 200 1 "-" "-"',
    );
    expect(counter.report().rules.map((rule) => [rule.id, rule.hits])).toEqual([
      ["home", 0],
      ["blog", 0],
      ["tool", 1],
      ["fallback", 1],
    ]);
  });
});

describe("TopCounter", () => {
  it("counts keys past its limit under one bucket", () => {
    const top = new TopCounter(2);
    for (const key of ["a", "b", "a", "c", "d", "b", "a"]) top.add(key);
    expect(top.top(5)).toEqual([
      { path: "a", hits: 3 },
      { path: "b", hits: 2 },
      { path: OTHER_KEY, hits: 2 },
    ]);
    expect(top.top(1)).toEqual([
      { path: "a", hits: 3 },
      { path: OTHER_KEY, hits: 2 },
    ]);
  });
});

describe("createProgressBar", () => {
  it("draws nothing when the stream is not a terminal", () => {
    const written: string[] = [];
    const bar = createProgressBar({ isTTY: false, write: (text) => written.push(text) }, 100);
    bar.update(50, 10);
    bar.done();
    expect(written).toEqual([]);
  });

  it("redraws a terminal at most every 100 ms and erases itself at the end", () => {
    const written: string[] = [];
    let time = 1000;
    const bar = createProgressBar(
      { isTTY: true, columns: 20, write: (text) => written.push(text) },
      200,
      () => time,
    );
    bar.update(50, 10);
    time += 50;
    bar.update(100, 20);
    time += 60;
    bar.update(200, 40);
    bar.done();
    expect(written).toEqual([
      `\r${renderBar(50, 200, 10)}`,
      `\r${renderBar(200, 200, 40)}`,
      `\r${" ".repeat(20)}\r`,
    ]);
    expect(renderBar(50, 200, 10)).toBe("[########......................]  25%  10 lines");
  });
});
