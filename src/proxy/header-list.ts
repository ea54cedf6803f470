/**
 * Headers as an ordered list of `[name, value]` pairs, the way they came on the wire:
 * names keep their case, repeated fields stay separate and in order. The proxy
 * forwards these lists, so that what it does not change goes out exactly as it came.
 * Usage: `const list = fromRawHeaders(res.rawHeaders); removeHeader(list, "connection")`.
 */

import type { HeaderMap } from "../tagging/response-gate.js";

export type HeaderPair = [name: string, value: string];
export type HeaderList = HeaderPair[];

/** `rawHeaders` of an IncomingMessage (`[name, value, name, value...]`) as pairs. */
export function fromRawHeaders(raw: readonly string[]): HeaderList {
  const list: HeaderList = [];
  for (let index = 0; index + 1 < raw.length; index += 2)
    list.push([raw[index] as string, raw[index + 1] as string]);
  return list;
}

/** The flat form writeHead() and http.request() accept, order and case kept. */
export function toRawHeaders(list: HeaderList): string[] {
  return list.flat();
}

/** Every value of a header, in order; the name is case-insensitive. */
export function getHeaderValues(list: HeaderList, name: string): string[] {
  const wanted = name.toLowerCase();
  return list.filter(([key]) => key.toLowerCase() === wanted).map(([, value]) => value);
}

/** The values of a header joined as one field (`, `), or undefined when absent. */
export function getHeader(list: HeaderList, name: string): string | undefined {
  const values = getHeaderValues(list, name);
  return values.length === 0 ? undefined : values.join(", ");
}

/** Removes every field of these names; returns whether any was there. */
export function removeHeader(list: HeaderList, ...names: string[]): boolean {
  const unwanted = new Set(names.map((name) => name.toLowerCase()));
  const before = list.length;
  const kept = list.filter(([key]) => !unwanted.has(key.toLowerCase()));
  list.splice(0, list.length, ...kept);
  return kept.length !== before;
}

/** Replaces every field of this name by one, at the place of the first (or at the end). */
export function setHeader(list: HeaderList, name: string, value: string): void {
  const wanted = name.toLowerCase();
  const at = list.findIndex(([key]) => key.toLowerCase() === wanted);
  if (at < 0) {
    list.push([name, value]);
    return;
  }
  const casing = (list[at] as HeaderPair)[0];
  removeHeader(list, name);
  list.splice(at, 0, [casing, value]);
}

/**
 * The list as the lower-case map the gates read (values of repeated fields in an
 * array), like IncomingMessage.headers but without Node's joining rules.
 */
export function toHeaderMap(list: HeaderList): Record<string, string | string[]> {
  const map: Record<string, string | string[]> = {};
  for (const [name, value] of list) {
    const key = name.toLowerCase();
    const existing = map[key];
    if (existing === undefined) map[key] = value;
    else map[key] = [existing, value].flat();
  }
  return map satisfies HeaderMap;
}

/** A view of the list with the setHeader/getHeader/removeHeader interface of a response. */
export function asHeaderTarget(list: HeaderList) {
  return {
    getHeader: (name: string) => getHeader(list, name),
    setHeader: (name: string, value: string | number | readonly string[]) => {
      const [first, ...rest] = [value].flat().map(String);
      setHeader(list, name, first ?? "");
      for (const item of rest) list.push([name, item]);
    },
    removeHeader: (name: string) => {
      removeHeader(list, name);
    },
  };
}
