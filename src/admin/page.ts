/**
 * The admin page: the plan in force as tables (rules in order with their conditions,
 * values and lines; never_tag; sites; platform), the reload status, a URL tester
 * giving the same explanation as `dnma-tag match`, the live counters and the last
 * decisions. Usage: `renderAdminPage({ tagger, counters, decisions, test })`.
 */

import { formatIssue } from "../errors.js";
import type { MatchExplanation } from "../plan/explain.js";
import type { ReloadStatus } from "../plan/reload.js";
import type { CompiledPlan, CompiledRule } from "../plan/types.js";
import { describeNeverTag, explainTrial } from "../report/match.js";
import type { DecisionRecord } from "../tagging/decision-log.js";
import { type Cell, escapeHtml, renderShell, section, table } from "./html.js";
import type { CounterRow } from "./summary.js";

export interface AdminPageData {
  plan: CompiledPlan;
  reload: ReloadStatus | undefined;
  counters: CounterRow[];
  decisions: DecisionRecord[];
  test: {
    url: string;
    method: string;
    host: string;
    explanation: MatchExplanation | undefined;
    error: string | undefined;
  };
  /** How often the page's script refreshes counters and decisions (ms). */
  refreshMs: number;
}

/** The whole admin page as HTML. */
export function renderAdminPage(data: AdminPageData): string {
  const { plan } = data;
  return renderShell(
    "dnma-tag admin",
    `plan ${plan.name} ${plan.version} (${plan.file})`,
    [
      section("tester", "URL tester", renderTester(data.test)),
      section("plan", `Rules (${plan.rules.length}, first match wins)`, renderRules(plan)),
      section("never-tag", "Never tagged", renderNeverTag(plan)),
      section("sites", "Sites and platform", renderSites(plan)),
      section("reload", "Plan reloads", renderReload(data.reload)),
      section(
        "counters",
        "Counters",
        `<p id="refreshed">counters at page load</p>${table(["metric", "label", "value"], data.counters.map(counterRow))}`,
      ),
      section("decisions", "Last decisions", renderDecisions(data.decisions)),
    ],
    data.refreshMs,
  );
}

function renderRules(plan: CompiledPlan): string {
  const rows = plan.rules.map((rule, index) => [
    index + 1,
    rule.id,
    rule.line,
    { html: renderConditions(rule) },
    ...renderValues(rule),
  ]);
  if (plan.fallback)
    rows.push(["-", "fallback", undefined, "no rule matches", ...renderValues(plan.fallback)]);
  return table(
    ["#", "rule", "line", "conditions", "SERVICE", "OUTIL", "TYPE", "name", "chapters"],
    rows,
  );
}

function renderConditions(rule: CompiledRule): string {
  const { pattern, hosts, methods, query, hash } = rule.conditions;
  const parts = [`path <code>${escapeHtml(pattern.source)}</code>`];
  if (hash) parts.push(`hash <code>#${escapeHtml(hash.source)}</code> (in the browser)`);
  if (hosts)
    parts.push(
      `host ${escapeHtml(hosts.map((host) => (host.startsWith(".") ? `*${host}` : host)).join(", "))}`,
    );
  if (methods) parts.push(`method ${escapeHtml(methods.join(", "))}`);
  if (query)
    parts.push(`query ${escapeHtml(query.map(([key, value]) => `${key}=${value}`).join("&"))}`);
  return parts.join("<br>");
}

function renderValues(
  values: Pick<CompiledRule, "service" | "outil" | "type" | "name" | "chapters">,
): Cell[] {
  return [
    values.service,
    values.outil,
    values.type,
    values.name.source,
    values.chapters.map((chapter) => chapter.source).join(" / ") || "-",
  ];
}

function renderNeverTag(plan: CompiledPlan): string {
  const { patterns, lines, extensions } = plan.neverTag;
  const rows: Cell[][] = patterns.map((pattern, index) => [
    "path",
    { html: `<code>${escapeHtml(pattern.source)}</code>` },
    lines[index],
  ]);
  if (extensions.size > 0) rows.push(["extensions", [...extensions].join(", "), undefined]);
  return table(["kind", "entry", "line"], rows);
}

function renderSites(plan: CompiledPlan): string {
  const rows: Cell[][] = [
    ...[...plan.sites.byUai].map(([uai, site]): Cell[] => ["UAI", uai, site]),
    ...[...plan.sites.byPrefix].map(([prefix, site]): Cell[] => ["UAI prefix", prefix, site]),
    ["default", "-", plan.sites.fallback ?? "none: such pages are not tagged"],
  ];
  const platform = table(
    ["PROJET", "EXPLOITANT", "PLATEFORME", "loader"],
    [[plan.platform.projet, plan.platform.exploitant, plan.platform.plateforme, plan.loaderSrc]],
  );
  return `${table(["by", "key", "ID_SITE"], rows)}\n${platform}`;
}

function renderReload(status: ReloadStatus | undefined): string {
  if (!status) return "<p>The plan is not watched: it stays as loaded at start.</p>";

  const last = status.last;
  const summary = last
    ? `<p>Last reload: <span class="${last.result === "failure" ? "bad" : "ok"}">${escapeHtml(last.result)}</span> at ${escapeHtml(last.time.toISOString())} (${escapeHtml(last.trigger)}).</p>`
    : "<p>No reload since start.</p>";
  const issues =
    last?.result === "failure"
      ? `<ul>${last.issues.map((issue) => `<li><code>${escapeHtml(formatIssue(issue))}</code></li>`).join("")}</ul>`
      : "";
  return `<p>Watching <code>${escapeHtml(status.file)}</code> since ${escapeHtml(status.watchingSince.toISOString())}; SIGHUP reloads too.</p>${summary}${issues}`;
}

function renderTester(test: AdminPageData["test"]): string {
  const methods = ["GET", "POST"]
    .map((method) => `<option${method === test.method ? " selected" : ""}>${method}</option>`)
    .join("");
  const form =
    `<form method="get" action="./">` +
    `<label>URL (path or absolute)<input name="url" value="${escapeHtml(test.url)}" placeholder="/notes?x=1" required></label>` +
    `<label>method<select name="method">${methods}</select></label>` +
    `<label>host<input name="host" value="${escapeHtml(test.host)}" placeholder="ent.example.fr"></label>` +
    `<button type="submit">Match</button></form>`;
  if (test.error) return `${form}<p class="bad" id="match-result">${escapeHtml(test.error)}</p>`;
  return test.explanation
    ? `${form}\n<div id="match-result">${renderExplanation(test.explanation)}</div>`
    : form;
}

function renderExplanation(explanation: MatchExplanation): string {
  const { neverTag, trials, result } = explanation;
  if (neverTag)
    return `<p class="bad">skipped: ${escapeHtml(describeNeverTag(neverTag))}: the page is never tagged</p>`;

  const tried = table(
    ["rule", "line", "match", "why"],
    trials.map((trial) => [
      trial.id,
      trial.line,
      trial.matched ? "yes" : "no",
      explainTrial(trial),
    ]),
  );
  if (result.kind === "skip")
    return `${tried}<p class="bad">skipped: no rule matches and the plan has no fallback (no-rule)</p>`;

  const origin =
    result.ruleId === "fallback"
      ? "fallback (no rule matches)"
      : `rule ${result.ruleId} (line ${result.line ?? "?"})`;
  const values = table(
    ["result", "SERVICE", "OUTIL", "TYPE", "name", "chapters"],
    [
      [
        origin,
        result.service,
        result.outil,
        result.type,
        result.name,
        result.chapters.join(", ") || "-",
      ],
    ],
  );
  return `${tried}\n${values}`;
}

function renderDecisions(decisions: DecisionRecord[]): string {
  const rows = decisions.map((d) => [
    d.time,
    d.method,
    d.path,
    d.outcome,
    d.rule,
    d.service,
    d.reason,
  ]);
  return `<p>Newest first; paths without query strings, ids replaced ({num}, {uuid}, {hex}, {email}, {id}); no user identities.</p>${table(["time", "method", "path", "outcome", "rule", "SERVICE", "reason"], rows)}`;
}

function counterRow(row: CounterRow): Cell[] {
  return [row.metric, row.label, { html: `<span class="num">${escapeHtml(row.value)}</span>` }];
}
