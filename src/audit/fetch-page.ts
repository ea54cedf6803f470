/**
 * Fetches a live page for `dnma-tag audit`: http(s) only, with the caller's cookies
 * and headers, no redirect followed (a redirect to a login page is reported as such),
 * a deadline for the whole exchange and a cap on the body size.
 * Usage: `const page = await fetchPage("https://ent.example.fr/notes", { cookies: ["SID=..."] })`.
 */

import { DnmaError } from "../errors.js";

export interface FetchOptions {
  cookies?: string[];
  /** `Name: value` strings. */
  headers?: string[];
  timeoutMs?: number;
  maxBytes?: number;
}

export interface FetchedPage {
  url: string;
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

export const DEFAULT_FETCH_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_PAGE_BYTES = 5 * 1024 * 1024;

/** GETs the page; throws a DnmaError (OPTION_INVALID) for a bad URL, a network error, a timeout or a page too big. */
export async function fetchPage(url: string, options: FetchOptions = {}): Promise<FetchedPage> {
  const target = parseHttpUrl(url);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PAGE_BYTES;
  const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS);

  try {
    const response = await fetch(target, {
      headers: buildHeaders(options),
      redirect: "manual",
      signal,
    });
    const body = await readCapped(response, maxBytes);
    return {
      url: target.href,
      status: response.status,
      contentType: response.headers.get("content-type") ?? undefined,
      body,
    };
  } catch (err) {
    if (err instanceof DnmaError) throw err;
    const reason =
      (err as Error).name === "TimeoutError"
        ? `no complete answer within ${options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS} ms`
        : describeFetchError(err);
    throw new DnmaError("OPTION_INVALID", `cannot fetch ${target.href}: ${reason}`, { cause: err });
  }
}

function parseHttpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DnmaError("OPTION_INVALID", `"${url}" is neither a readable file nor a URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new DnmaError(
      "OPTION_INVALID",
      `only http:// and https:// pages can be fetched, not ${parsed.protocol}`,
    );
  }
  return parsed;
}

function buildHeaders(options: FetchOptions): Headers {
  const headers = new Headers({
    accept: "text/html,application/xhtml+xml",
    "user-agent": "dnma-tag-audit",
  });
  for (const header of options.headers ?? []) {
    const colon = header.indexOf(":");
    if (colon <= 0)
      throw new DnmaError("OPTION_INVALID", `--header "${header}" is not "Name: value"`);
    headers.append(header.slice(0, colon).trim(), header.slice(colon + 1).trim());
  }
  if (options.cookies && options.cookies.length > 0)
    headers.set("cookie", options.cookies.join("; "));
  return headers;
}

async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    const chunk = read.value;
    size += chunk.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new DnmaError(
        "OPTION_INVALID",
        `cannot audit ${response.url || "the page"}: larger than ${maxBytes} bytes`,
      );
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

function describeFetchError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}
