/**
 * The benchmark harness without any load: its modules import, the page generator makes
 * pages of the sizes asked, the injector tags them, and the report judges the targets.
 */

import { describe, expect, it } from "vitest";
import { chooseSettings } from "../../bench/harness.js";
import { renderChart } from "../../bench/chart.js";
import { ENGINE_VARIANTS } from "../../bench/engine-scanners.js";
import { generatePage, generatePageChunks, PAGE_SIZES } from "../../bench/pages.js";
import { findDnmaProxyMissing } from "../../bench/proxy-seam.js";
import { renderReport } from "../../bench/report.js";
import type { BenchResults, ThroughputRow } from "../../bench/results.js";
import { median, medianRatio, rotate } from "../../bench/stats.js";
import { judgeTargets } from "../../bench/targets.js";
import { benchSnippets, classifyOutput } from "../../bench/verify.js";
import { HtmlInjector } from "../../src/inject/injector.js";

function throughputRow(
  variant: string,
  ratio: number,
  extra: Partial<ThroughputRow> = {},
): ThroughputRow {
  const summary = {
    requestsPerSecond: 1000 * ratio,
    latencyP50: 1,
    latencyP99: 2,
    peakRssBytes: 2 ** 27,
    ratio,
    cpuPerRequest: 0.001 / ratio,
    cpuRatio: ratio,
    errors: 0,
    non2xx: 0,
    rounds: 3,
  };
  return {
    group: "middleware",
    size: "60 KB",
    variant,
    label: variant,
    isBaseline: variant === "plain",
    output: "exact",
    summary,
    ...extra,
  };
}

function fakeResults(middlewareRatio: number): BenchResults {
  return {
    mode: "quick",
    startedAt: "2025-01-01T00:00:00Z",
    seconds: 60,
    machine: { CPU: "test" },
    packages: { "dnma-tag": "0.0.0" },
    settings: { rounds: "3" },
    throughput: [
      throughputRow("plain", 1),
      throughputRow("dnma", middlewareRatio),
      {
        ...throughputRow("dnma-proxy", 0),
        group: "proxy",
        encoding: "plain",
        summary: undefined,
        missing: "not available yet",
      },
    ],
    engine: {
      pageBytes: 2 ** 20,
      chunkBytes: 2 ** 16,
      rounds: 3,
      rows: [
        {
          variant: "htmlparser2",
          label: "htmlparser2",
          megabytesPerSecond: 100,
          injectorSpeedup: 3.5,
        },
      ],
    },
    stream: {
      pageBytes: 50 * 2 ** 20,
      rows: [
        {
          group: "middleware",
          variant: "dnma",
          label: "dnma",
          firstByteMs: 40,
          originFinishedMs: 2000,
          lastByteMs: 2010,
          peakGrowthBytes: 40 * 2 ** 20,
          isTagged: true,
          rounds: 1,
        },
      ],
    },
    notes: [],
  };
}

describe("bench harness", () => {
  it("generates whole pages of exactly the requested sizes, the same for the same seed", () => {
    for (const bytes of [...Object.values(PAGE_SIZES), 4000, 123_457]) {
      const page = generatePage(bytes);
      expect(page.length).toBe(bytes);
      expect(page.toString("latin1")).toMatch(/^<!DOCTYPE html>[\s\S]*<\/body>\n<\/html>\n$/);
    }
    expect(generatePage(61_440, 3).equals(generatePage(61_440, 3))).toBe(true);
  });

  it("generates a streamed page of exactly the requested size in bounded chunks", () => {
    const chunks = [...generatePageChunks(3 * 2 ** 20 + 17, 65_536)];
    expect(chunks.reduce((total, chunk) => total + chunk.length, 0)).toBe(3 * 2 ** 20 + 17);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThanOrEqual(65_536);
  });

  it("has pages the injector tags exactly, in chunks as the engine benchmark feeds them", () => {
    const page = generatePage(PAGE_SIZES["60 KB"]);
    const injector = new HtmlInjector(benchSnippets());
    const output = [page.subarray(0, 30_000), page.subarray(30_000)].flatMap((chunk) =>
      injector.write(chunk),
    );
    output.push(...injector.end());
    expect(classifyOutput(Buffer.concat(output).toString("utf8"), page.length)).toBe("exact");
  });

  it("runs one pass of every engine variant over the same chunks", () => {
    const page = generatePage(PAGE_SIZES["5 KB"]);
    const chunks = [page.subarray(0, 2000), page.subarray(2000)];
    for (const variant of Object.values(ENGINE_VARIANTS))
      expect(typeof variant.prepare(chunks, benchSnippets())()).toBe("number");
  });

  it("computes medians, per-round ratios and rotations", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(medianRatio([90, 100, 80], [100, 100, 100])).toBe(0.9);
    expect(rotate(["a", "b", "c"], 4)).toEqual(["b", "c", "a"]);
  });

  it("keeps --quick smaller than the full run", () => {
    const quick = chooseSettings(true);
    const full = chooseSettings(false);
    expect(quick.rounds.rounds * quick.rounds.seconds).toBeLessThan(
      full.rounds.rounds * full.rounds.seconds,
    );
    expect(quick.middlewareSizes).toContain("60 KB");
  });

  it("judges each target PASS, MISS or NOT MEASURED", () => {
    const verdicts = judgeTargets(fakeResults(0.97));
    const statusOf = (start: string) =>
      verdicts.find((verdict) => verdict.target.startsWith(start))?.status;
    expect(statusOf("Middleware, 60 KB")).toBe("PASS");
    expect(statusOf("Proxy, 60 KB page, plain")).toBe("NOT MEASURED");
    expect(statusOf("50 MB page through the middleware: first byte")).toBe("PASS");
    expect(statusOf("50 MB page through the middleware: peak memory")).toBe("MISS");
    expect(statusOf("Injection engine")).toBe("PASS");
    expect(
      judgeTargets(fakeResults(0.9)).find((verdict) => verdict.target.startsWith("Middleware"))
        ?.status,
    ).toBe("MISS");
  });

  it("renders the report and an SVG chart from results", () => {
    const results = fakeResults(0.97);
    expect(renderReport(results, "benchmarks.svg")).toContain("| Middleware, 60 KB page");
    expect(renderChart(results)).toMatch(/^<svg [\s\S]*<\/svg>\n$/);
  });

  it("says why the dnma-tag proxy variants have no figures, or nothing once it is wired", () => {
    const missing = findDnmaProxyMissing();
    expect(missing === undefined || missing.startsWith("not available yet")).toBe(true);
  });
});
