/**
 * Access log lines as requests: nginx/Apache "combined" (and "common", and Apache's
 * "vhost_combined" with a leading `host:port`), or one JSON object per line with the
 * usual field names (nginx JSON, pino-http, Elastic Common Schema).
 * Usage: `parseLogLine('127.0.0.1 - - [...] "GET /notes HTTP/1.1" 200 512 "-" "UA"')`.
 */

export interface LogEntry {
  method: string;
  /** Request target as logged: a path with its query, or an absolute URL. */
  target: string;
  status: number;
  host: string | undefined;
  contentType: string | undefined;
}

const VHOST = /^(\S+):\d+$/;
const STATUS_AFTER_REQUEST = /^" (\d{3})(?: |$)/;
const REQUEST_LINE = /^([A-Z]+) (\S+)(?: HTTP\/[0-9.]+)?$/;

const JSON_FIELDS = {
  method: ["method", "request_method", "req.method", "http.request.method"],
  target: ["url", "uri", "request_uri", "path", "req.url", "url.original", "url.path"],
  request: ["request"],
  status: ["status", "status_code", "statusCode", "res.statusCode", "http.response.status_code"],
  host: ["host", "http_host", "vhost", "req.headers.host", "url.domain"],
  contentType: [
    "content_type",
    "sent_http_content_type",
    "res.headers.content-type",
    "http.response.mime_type",
  ],
} as const;

/** One log line as a request, or undefined when the line is not a request we can read. */
export function parseLogLine(line: string): LogEntry | undefined {
  const text = line.trim();
  if (text.startsWith("{")) return parseJsonLine(text);
  return parseCombinedLine(text);
}

function parseCombinedLine(line: string): LogEntry | undefined {
  const timeEnd = line.indexOf('] "');
  const timeStart = timeEnd < 0 ? -1 : line.lastIndexOf(" [", timeEnd);
  if (timeStart < 0) return undefined;

  const requestStart = timeEnd + 3;
  const requestEnd = findClosingQuote(line, requestStart);
  const status = STATUS_AFTER_REQUEST.exec(line.slice(requestEnd, requestEnd + 6));
  const request = parseRequestLine(line.slice(requestStart, requestEnd));
  if (!status || !request) return undefined;

  // Note: vhost_combined puts `host:port` before the three usual fields.
  const fields = line.slice(0, timeStart).split(" ");
  const host = fields.length === 4 ? VHOST.exec(fields[0] as string)?.[1] : undefined;
  return { ...request, status: Number(status[1]), host, contentType: undefined };
}

/**
 * Index of the quote that ends a field starting at `start`.
 * Note: nginx writes a `"` inside a field as \x22, Apache as \" — skipped here.
 */
function findClosingQuote(line: string, start: number): number {
  let index = start;
  while (index < line.length) {
    const char = line.charCodeAt(index);
    if (char === 0x22) return index;
    index += char === 0x5c ? 2 : 1;
  }
  return line.length;
}

function parseRequestLine(text: string): { method: string; target: string } | undefined {
  const match = REQUEST_LINE.exec(text);
  return match ? { method: match[1] as string, target: match[2] as string } : undefined;
}

function parseJsonLine(line: string): LogEntry | undefined {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof record !== "object" || record === null) return undefined;

  const requestLine = pickString(record, JSON_FIELDS.request);
  const fromRequest = requestLine === undefined ? undefined : parseRequestLine(requestLine);
  const method = pickString(record, JSON_FIELDS.method) ?? fromRequest?.method;
  const target = pickString(record, JSON_FIELDS.target) ?? fromRequest?.target;
  const status = Number(pick(record, JSON_FIELDS.status));
  if (!method || !target || !Number.isInteger(status)) return undefined;

  const host = pickString(record, JSON_FIELDS.host);
  return {
    method: method.toUpperCase(),
    target,
    status,
    host,
    contentType: pickString(record, JSON_FIELDS.contentType),
  };
}

function pickString(record: object, paths: readonly string[]): string | undefined {
  const value = pick(record, paths);
  return typeof value === "string" && value !== "" && value !== "-" ? value : undefined;
}

/** The first field found, as a flat dotted key (`"req.url"`) or a nested path. */
function pick(record: object, paths: readonly string[]): unknown {
  for (const path of paths) {
    const flat = (record as Record<string, unknown>)[path];
    if (flat !== undefined) return flat;

    const nested = path.split(".").reduce<unknown>((value, key) => {
      return typeof value === "object" && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined;
    }, record);
    if (nested !== undefined) return nested;
  }
  return undefined;
}
