/**
 * The pieces of a tagged response besides its stream logic: its headers, and the
 * injector as a timed Transform.
 * Usage: `buildTaggedHeaders(headers, "gzip")`, `createTimedInjection(injector, timing)`.
 */

import { Transform } from "node:stream";
import type { HtmlInjector } from "../inject/injector.js";
import { applyTaggedHeaders } from "../tagging/tagged-headers.js";
import type { Coding } from "./codec.js";
import {
  asHeaderTarget,
  getHeader,
  type HeaderList,
  removeHeader,
  setHeader,
} from "./header-list.js";

/** Fields describing the exact bytes of the untagged body, wrong once it is tagged. */
const BODY_DIGESTS = ["content-md5", "digest", "content-digest", "repr-digest", "accept-ranges"];

/** The headers of the tagged response: private, no length or validators, Vary kept right. */
export function buildTaggedHeaders(headers: HeaderList, coding: Coding): HeaderList {
  const tagged: HeaderList = headers.map(([name, value]) => [name, value]);
  applyTaggedHeaders(asHeaderTarget(tagged));
  removeHeader(tagged, ...BODY_DIGESTS);
  if (coding !== "identity") addVary(tagged, "Accept-Encoding");
  return tagged;
}

function addVary(headers: HeaderList, field: string): void {
  const vary = getHeader(headers, "vary");
  const fields = (vary ?? "").split(",").map((item) => item.trim().toLowerCase());
  if (fields.includes("*") || fields.includes(field.toLowerCase())) return;
  setHeader(headers, "Vary", vary ? `${vary}, ${field}` : field);
}

/** The injector as a Transform that adds the CPU time it spends to `timing`. */
export function createTimedInjection(
  injector: HtmlInjector,
  timing: { seconds: number },
): Transform {
  const run = (stream: Transform, step: () => Buffer[]) => {
    const started = process.hrtime.bigint();
    const output = step();
    timing.seconds += Number(process.hrtime.bigint() - started) / 1e9;
    for (const piece of output) stream.push(piece);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      run(this, () => injector.write(chunk));
      callback();
    },
    flush(callback) {
      run(this, () => injector.end());
      callback();
    },
  });
}
