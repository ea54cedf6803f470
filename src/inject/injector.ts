/**
 * The streaming injector: bytes in, the same bytes plus our two snippets out. It
 * holds back only what it still has to decide on (a tag whose end is not seen yet,
 * the loader while the page might still turn out untaggable, the stretch after a
 * `</body>`), within fixed limits, and never re-encodes anything.
 * Usage: `const injector = new HtmlInjector({ loader, tag }); res.write(concat(injector.write(chunk)))`.
 */

import { findUnsafeMetaCharset, PRESCAN_BYTES } from "./encoding.js";
import { HtmlScanner } from "./scanner.js";
import { type GiveUpReason, TreeModel } from "./tree-model.js";

export interface InjectorOptions {
  /** Leave bytes that do not start like an HTML document untouched (default true). */
  sniff?: boolean;
  /** Most bytes held back at once (default 256 KiB); past it the tag falls back to the page's end. */
  maxHoldBytes?: number;
  /** Bytes past the loader's place awaited before it is sent (default 64 KiB): smaller pages are all-or-nothing. */
  loaderWaitBytes?: number;
  /** Whether the Content-Type header named a charset (then `<meta>` declarations do not count). */
  hasHeaderCharset?: boolean;
  /** The page is XHTML (application/xhtml+xml): CDATA sections are read as XML reads them. */
  isXml?: boolean;
  /** Whether our scripts run under a CSP the page declares in a `<meta>` (default: yes). */
  allowsMetaPolicy?: (content: string) => boolean;
}

export type UntouchedReason =
  | GiveUpReason
  | "utf16-bom"
  | "csp"
  | "unsupported-charset"
  | "no-body"
  | "no-safe-end"
  | "hold-limit"
  | "internal-error";

export interface InjectionResult {
  status: "pending" | "tagged" | "untouched" | "loader-only";
  reason: UntouchedReason | undefined;
  /** Offsets in the original bytes where the loader and the tag went, or -1. */
  loaderAt: number;
  tagAt: number;
  /** Whether the tag went before `</body>` (true) or at the very end of the page. */
  isTagBeforeBodyEnd: boolean;
  bytesIn: number;
  bytesAdded: number;
}

const DEFAULT_MAX_HOLD = 256 * 1024;
const DEFAULT_LOADER_WAIT = 64 * 1024;

export class HtmlInjector {
  readonly result: InjectionResult = {
    status: "pending",
    reason: undefined,
    loaderAt: -1,
    tagAt: -1,
    isTagBeforeBodyEnd: false,
    bytesIn: 0,
    bytesAdded: 0,
  };

  private readonly loader: Buffer;
  private readonly tag: Buffer;
  private readonly model: TreeModel;
  private readonly scanner: HtmlScanner;
  private readonly maxHold: number;
  private readonly loaderWait: number;
  private readonly checksMeta: boolean;
  private readonly allowsMetaPolicy: ((content: string) => boolean) | undefined;
  private checkedPolicies = 0;

  private held: Buffer[] = [];
  /** Stream offset of the first held byte: everything before it has been sent. */
  private sent = 0;
  private received = 0;
  private scanned = 0;
  private isLoaderCommitted = false;
  private isLoaderSent = false;
  private isPassingThrough = false;
  private isEnded = false;
  private prefix = "";

  constructor(
    snippets: { loader: Buffer | string; tag: Buffer | string },
    options: InjectorOptions = {},
  ) {
    this.loader = Buffer.from(snippets.loader);
    this.tag = Buffer.from(snippets.tag);
    this.model = new TreeModel({ sniff: options.sniff ?? true, isXml: options.isXml ?? false });
    this.scanner = new HtmlScanner(this.model);
    this.maxHold = options.maxHoldBytes ?? DEFAULT_MAX_HOLD;
    this.loaderWait = Math.min(options.loaderWaitBytes ?? DEFAULT_LOADER_WAIT, this.maxHold);
    this.checksMeta = !options.hasHeaderCharset;
    this.allowsMetaPolicy = options.allowsMetaPolicy;
  }

  /** Takes the next chunk; returns the bytes that can be sent now (maybe none). */
  write(chunk: Uint8Array): Buffer[] {
    const buffer = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if (this.isPassingThrough || this.isEnded) return buffer.length > 0 ? [buffer] : [];

    const start = this.received;
    this.received += buffer.length;
    this.result.bytesIn = this.received;
    if (buffer.length > 0) this.held.push(buffer);

    try {
      if (!this.checkPrefix(buffer, start, false)) return this.giveUp();
      this.scanNew();
      if (this.model.done) return this.giveUp(this.model.giveUpReason);
      if (!this.checkMetaPolicies()) return this.giveUp("csp");
      return this.release();
    } catch {
      return this.failSafe();
    }
  }

  /** Ends the stream; returns the remaining bytes with whatever insertions were decided. Later calls return nothing. */
  end(): Buffer[] {
    if (this.isPassingThrough || this.isEnded) return [];
    this.isEnded = true;

    try {
      if (!this.checkPrefix(Buffer.alloc(0), this.received, true)) return this.giveUp();
      this.scanNew(true);
      this.scanner.end(this.received);
      if (this.model.done) return this.giveUp(this.model.giveUpReason);
      if (!this.checkMetaPolicies()) return this.giveUp("csp");
      return this.finish();
    } catch {
      return this.failSafe();
    }
  }

  private finish(): Buffer[] {
    const { loaderAt, candidateAt } = this.model;
    const isEndSafe = this.model.isSafeAtEnd(this.scanner.isAtDataBoundary);
    const tagAt = candidateAt >= 0 ? candidateAt : isEndSafe ? this.received : -1;
    if (loaderAt < 0 || !this.model.hasBody) return this.giveUp("no-body");
    if (tagAt < 0) return this.giveUp("no-safe-end");

    this.isLoaderCommitted = true;
    Object.assign(this.result, {
      status: "tagged",
      loaderAt,
      tagAt,
      isTagBeforeBodyEnd: candidateAt >= 0,
    });
    this.result.bytesAdded = this.loader.length + this.tag.length;
    return this.emitUpTo(this.received, tagAt);
  }

  /**
   * Checks what only the first bytes tell: a UTF-8 BOM is skipped, a UTF-16 one means
   * hands off, and so does an unsafe encoding declared by a `<meta>` in the first 1024 bytes.
   */
  private checkPrefix(buffer: Buffer, start: number, isEnd: boolean): boolean {
    if (start >= PRESCAN_BYTES && !isEnd) return true;
    if (this.prefix.length < PRESCAN_BYTES)
      this.prefix += buffer.subarray(0, PRESCAN_BYTES - start).toString("latin1");

    if (this.prefix.startsWith("\xfe\xff") || this.prefix.startsWith("\xff\xfe")) {
      this.result.reason = "utf16-bom";
      return false;
    }
    if (
      this.checksMeta &&
      (this.prefix.length >= PRESCAN_BYTES || isEnd) &&
      findUnsafeMetaCharset(this.prefix)
    ) {
      this.result.reason = "unsupported-charset";
      return false;
    }
    return true;
  }

  /**
   * Feeds the scanner what it has not seen. The first three bytes wait for each other:
   * a UTF-8 byte order mark is not content.
   */
  private scanNew(isEnd = false): void {
    if (this.scanned === this.received || (this.received < 3 && !isEnd)) return;

    const unseen = this.received - this.scanned;
    const last = this.held[this.held.length - 1] as Buffer;
    let bytes =
      last.length >= unseen
        ? last.subarray(last.length - unseen)
        : Buffer.concat(this.held).subarray(-unseen);
    let offset = this.scanned;
    if (offset === 0 && this.prefix.startsWith("\xef\xbb\xbf")) {
      bytes = bytes.subarray(3);
      offset = 3;
    }
    this.scanned = this.received;
    if (bytes.length > 0) this.scanner.write(bytes, offset);
  }

  /** Checks the `<meta>` policies seen since the last call; they all come before the loader's place. */
  private checkMetaPolicies(): boolean {
    const policies = this.model.metaPolicies;
    if (!this.allowsMetaPolicy) return true;
    for (; this.checkedPolicies < policies.length; this.checkedPolicies++) {
      if (!this.allowsMetaPolicy(policies[this.checkedPolicies] as string)) return false;
    }
    return true;
  }

  /** Sends what no pending decision needs any more. */
  private release(): Buffer[] {
    let holdFrom = this.findHoldStart();
    if (
      this.model.loaderAt >= 0 &&
      !this.isLoaderCommitted &&
      this.received - this.model.loaderAt > this.loaderWait
    ) {
      this.isLoaderCommitted = true;
      holdFrom = this.findHoldStart();
    }
    if (this.received - holdFrom > this.maxHold && this.model.candidateAt >= 0) {
      // Limitation: a page with more than maxHoldBytes after its </body> gets the tag at its very end.
      this.model.candidateAt = -1;
      holdFrom = this.findHoldStart();
    }
    if (this.received - holdFrom > this.maxHold) return this.giveUp("hold-limit");
    return this.emitUpTo(holdFrom, -1);
  }

  private findHoldStart(): number {
    let holdFrom = this.scanned;
    const { loaderAt, candidateAt } = this.model;
    if (loaderAt >= 0 && !this.isLoaderCommitted) holdFrom = Math.min(holdFrom, loaderAt);
    if (candidateAt >= 0) holdFrom = Math.min(holdFrom, candidateAt);

    const pendingTag = this.scanner.pendingTagStart;
    if (pendingTag >= 0) holdFrom = Math.min(holdFrom, pendingTag);
    return holdFrom;
  }

  private giveUp(reason?: UntouchedReason): Buffer[] {
    this.result.reason ??= reason ?? "internal-error";
    this.result.status = this.isLoaderCommitted ? "loader-only" : "untouched";
    this.result.loaderAt = this.isLoaderCommitted ? this.model.loaderAt : -1;
    this.result.bytesAdded = this.isLoaderCommitted ? this.loader.length : 0;
    this.isPassingThrough = true;
    return this.emitUpTo(this.received, -1);
  }

  /** Last resort after an unexpected error: every byte not sent yet goes out as it came. */
  private failSafe(): Buffer[] {
    this.result.reason ??= "internal-error";
    this.result.status = this.isLoaderSent ? "loader-only" : "untouched";
    this.result.bytesAdded = this.isLoaderSent ? this.loader.length : 0;
    this.isPassingThrough = true;
    this.sent = this.received;
    return this.held.splice(0);
  }

  /** Sends held bytes up to `limit`, with the committed loader and the tag at `tagAt` (or -1). */
  private emitUpTo(limit: number, tagAt: number): Buffer[] {
    if (limit < this.sent)
      throw new Error(`cannot hold back from ${limit}: sent up to ${this.sent}`);
    const loaderAt = this.isLoaderCommitted && !this.isLoaderSent ? this.model.loaderAt : -1;
    const cuts = [loaderAt, tagAt].filter((at) => at >= this.sent && at <= limit);
    if (limit === this.sent && cuts.length === 0) return [];

    const output: Buffer[] = [];
    let position = this.sent;
    for (const cut of cuts) {
      output.push(...this.take(cut - position));
      position = cut;
      if (cut === loaderAt && !this.isLoaderSent) {
        output.push(this.loader);
        this.isLoaderSent = true;
      } else {
        output.push(this.tag);
      }
    }
    output.push(...this.take(limit - position));
    return output;
  }

  /** Removes `length` bytes from the front of the held chunks. */
  private take(length: number): Buffer[] {
    const taken: Buffer[] = [];
    let remaining = length;
    while (remaining > 0) {
      const first = this.held[0] as Buffer;
      if (first.length <= remaining) {
        taken.push(first);
        this.held.shift();
        remaining -= first.length;
        continue;
      }
      taken.push(first.subarray(0, remaining));
      this.held[0] = first.subarray(remaining);
      remaining = 0;
    }
    this.sent += length;
    return taken;
  }
}
