/**
 * Folds the arguments of `res.writeHead(status, [message], [headers])` into the response,
 * so that everything dnma-tag looks at is in `res.getHeaders()` before headers go out.
 */

import type { OutgoingHttpHeaders, ServerResponse } from "node:http";

type RawHeaders =
  | OutgoingHttpHeaders
  | readonly (string | number | readonly string[])[]
  | readonly [string, string][];

/** Applies writeHead's arguments to `res`: status, status message and headers. */
export function applyWriteHeadArgs(res: ServerResponse, status: number, rest: unknown[]): void {
  res.statusCode = status;
  const [first, second] = rest;
  if (typeof first === "string") res.statusMessage = first;

  const headers = (typeof first === "string" ? second : first) as RawHeaders | undefined;
  if (headers === undefined || headers === null) return;

  // Note: like Node, writeHead's headers replace those set before; a name repeated within
  // writeHead's own list keeps every value.
  const grouped = new Map<string, (string | number)[]>();
  for (const [name, value] of toEntries(headers)) {
    const values = grouped.get(name.toLowerCase()) ?? [];
    values.push(...[value].flat());
    grouped.set(name.toLowerCase(), values);
  }
  for (const [name, values] of grouped)
    res.setHeader(name, values.length === 1 ? (values[0] as string | number) : values.map(String));
}

function toEntries(headers: RawHeaders): [string, string | number | readonly string[]][] {
  if (!Array.isArray(headers)) {
    return Object.entries(headers as OutgoingHttpHeaders).filter(
      (entry): entry is [string, string | number | string[]] => entry[1] !== undefined,
    );
  }
  if (headers.length > 0 && Array.isArray(headers[0]))
    return (headers as [string, string][]).map(([name, value]) => [name, value]);

  const entries: [string, string | number | readonly string[]][] = [];
  for (let index = 0; index + 1 < headers.length; index += 2)
    entries.push([String(headers[index]), headers[index + 1] as string]);
  return entries;
}
