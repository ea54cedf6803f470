/**
 * Generated access logs over the demo plan: a fixed mix of requests, each with the
 * outcome coverage must find for it, written as nginx "combined" or JSON lines.
 * The mix repeats every MIX_SIZE lines, so expected counts are simple products.
 * Used by the coverage tests and by bench/coverage.ts (1,000,000 lines).
 */

export interface MixEntry {
  method: string;
  /** `{i}` is replaced by a number that changes from line to line. */
  target: string;
  status: number;
  /** What coverage must make of it: a rule id, "fallback", "never-tag", or an ignore reason. */
  outcome: string;
  weight: number;
}

export const MIX: readonly MixEntry[] = [
  { method: "GET", target: "/timeline", status: 200, outcome: "home", weight: 20 },
  { method: "GET", target: "/notes", status: 200, outcome: "marks", weight: 8 },
  {
    method: "GET",
    target: "/conversation/message/{i}",
    status: 200,
    outcome: "mail-message",
    weight: 6,
  },
  {
    method: "POST",
    target: "/conversation/inbox?page={i}",
    status: 200,
    outcome: "mail",
    weight: 4,
  },
  { method: "GET", target: "/blog/club-{i}/", status: 200, outcome: "blog", weight: 3 },
  {
    method: "GET",
    target: "/cahier-de-textes/3e-B?semaine={i}",
    status: 200,
    outcome: "homework",
    weight: 5,
  },
  { method: "GET", target: "/parametres", status: 200, outcome: "fallback", weight: 4 },
  { method: "GET", target: "/profil/{i}/photo", status: 200, outcome: "fallback", weight: 3 },
  {
    method: "GET",
    target: "/agenda/evenement/8f14e45f-ceea-467f-a0e6-00000000{i}",
    status: 200,
    outcome: "fallback",
    weight: 1,
  },
  { method: "GET", target: "/api/notifications", status: 200, outcome: "never-tag", weight: 5 },
  { method: "GET", target: "/login", status: 200, outcome: "never-tag", weight: 2 },
  { method: "GET", target: "/assets/ent.css", status: 200, outcome: "not-html", weight: 6 },
  {
    method: "GET",
    target: "/workspace/files/rapport.pdf",
    status: 200,
    outcome: "not-html",
    weight: 1,
  },
  { method: "GET", target: "/timeline", status: 304, outcome: "status", weight: 3 },
  { method: "GET", target: "/notes", status: 404, outcome: "status", weight: 1 },
  { method: "HEAD", target: "/timeline", status: 200, outcome: "method", weight: 1 },
  { method: "DELETE", target: "/workspace/x", status: 204, outcome: "method", weight: 1 },
  { method: "GET", target: "", status: 0, outcome: "unparsable", weight: 1 },
];

export const MIX_SIZE = MIX.reduce((sum, entry) => sum + entry.weight, 0);

const SCHEDULE = MIX.flatMap((entry) => Array.from({ length: entry.weight }, () => entry));

/** The entry and text of line number `index` (0-based). */
export function generateLine(
  index: number,
  format: "combined" | "json" = "combined",
): { entry: MixEntry; line: string } {
  const entry = SCHEDULE[index % MIX_SIZE] as MixEntry;
  if (entry.outcome === "unparsable")
    return { entry, line: `garbage line ${index} without a request` };

  const target = entry.target.replace("{i}", String(1000 + (index % 997)));
  const time = new Date(Date.UTC(2026, 8, 1, 8) + index * 1000);
  const line =
    format === "json"
      ? JSON.stringify({
          time: time.toISOString(),
          remote_addr: "10.0.0.1",
          request_method: entry.method,
          request_uri: target,
          status: entry.status,
        })
      : `10.0.${index % 250}.7 - - [${formatClfDate(time)}] "${entry.method} ${target} HTTP/1.1" ${entry.status} ${512 + (index % 300)} "-" "Mozilla/5.0 (X11; Linux x86_64)"`;
  return { entry, line };
}

/** `count` lines joined with newlines, and how many lines of each outcome they hold. */
export function generateLog(
  count: number,
  format: "combined" | "json" = "combined",
): { text: string; outcomes: Map<string, number> } {
  const outcomes = new Map<string, number>();
  const lines: string[] = [];
  for (let index = 0; index < count; index++) {
    const { entry, line } = generateLine(index, format);
    lines.push(line);
    outcomes.set(entry.outcome, (outcomes.get(entry.outcome) ?? 0) + 1);
  }
  return { text: `${lines.join("\n")}\n`, outcomes };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function formatClfDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}
