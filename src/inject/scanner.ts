/**
 * A streaming HTML tokenizer over bytes, following the states of the HTML standard
 * (§13.2.5) closely enough to know where every tag, comment and text run starts.
 * It builds no tokens it does not need: tag names always, attributes only when the
 * sink asks, text only while the sink wants it. Long runs of text, comments, script
 * and quoted values are skipped with Buffer.indexOf.
 * Usage: `const scanner = new HtmlScanner(sink); scanner.write(chunk); scanner.end()`.
 */

import { findTagId, hashNameByte, NAME_HASH_SEED, TAG_FLAGS, TAG_NAMES } from "./tag-names.js";

/** What the tokenizer does with the content of the element a start tag opened. */
export enum ContentModel {
  Data = 0,
  Rcdata = 1,
  Rawtext = 2,
  ScriptData = 3,
  Plaintext = 4,
}

export enum OpaqueKind {
  Comment = 0,
  Doctype = 1,
  Cdata = 2,
}

/** Answer of {@link ScanSink.onTagName}: bit flags. */
export enum TagInterest {
  None = 0,
  /** Collect the tag's attributes. */
  Attributes = 1,
  /** Hold output from the tag's `<` until the tag is complete: its position may matter. */
  Position = 2,
}

export interface TagToken {
  /** Lower-cased name (built on first read), its id in TAG_NAMES (0: unknown) and flags. */
  readonly name: string;
  readonly id: number;
  readonly flags: number;
  isEnd: boolean;
  /** Offsets of `<` and of the byte after `>`, counted from the start of the stream. */
  start: number;
  end: number;
  selfClosing: boolean;
  attributes: [name: string, value: string][] | undefined;
}

export interface ScanSink {
  /** Once true, the scanner stops reading: nothing more is needed. */
  readonly done: boolean;
  /** While true, the scanner reports text runs in the data state. */
  wantsText: boolean;
  /** The tag's name is known (its attributes and end are not yet). */
  onTagName(tag: TagToken): TagInterest;
  /** Returns how the tokenizer reads what follows a start tag. */
  onStartTag(tag: TagToken): ContentModel;
  onEndTag(tag: TagToken): void;
  /** A text run in the data state: `offset` of its first non-whitespace byte, or -1. */
  onText(start: number, firstNonWhitespace: number): void;
  /** Comments (bogus ones too), DOCTYPEs and CDATA sections. */
  onOpaqueToken(start: number, kind: OpaqueKind): void;
  /** Whether `<![CDATA[` opens a CDATA section here (only in foreign content). */
  isForeignContent(): boolean;
}

enum S {
  Data,
  TagOpen,
  EndTagOpen,
  TagName,
  BeforeAttrName,
  AttrName,
  AfterAttrName,
  BeforeAttrValue,
  AttrValueDouble,
  AttrValueSingle,
  AttrValueUnquoted,
  AfterAttrValueQuoted,
  SelfClosing,
  MarkupDeclaration,
  CommentStart,
  CommentStartDash,
  Comment,
  CommentEndDash,
  CommentEnd,
  CommentEndBang,
  BogusComment,
  Doctype,
  Cdata,
  CdataBracket,
  CdataEnd,
  Text,
  TextLessThan,
  TextEndTagOpen,
  TextEndTagName,
  ScriptEscapeStart,
  ScriptEscapeStartDash,
  ScriptEscaped,
  ScriptEscapedDash,
  ScriptEscapedDashDash,
  ScriptEscapedLessThan,
  ScriptDoubleEscapeStart,
  ScriptDoubleEscaped,
  ScriptDoubleEscapedDash,
  ScriptDoubleEscapedDashDash,
  ScriptDoubleEscapedLessThan,
  ScriptDoubleEscapeEnd,
  Plaintext,
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const DASH = 0x2d;
const EQUALS = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const QUESTION = 0x3f;
const RBRACKET = 0x5d;

/** Longest tag name kept; longer names are no name the sink cares about. */
const MAX_NAME = 32;
/** Longest attribute value kept; the sink sees longer ones cut. */
export const MAX_ATTRIBUTE_VALUE = 2048;
const DOCTYPE_WORD = "doctype";
const CDATA_WORD = "[CDATA[";

const ORDINARY = 0;
const WHITESPACE = 1;
/** Bytes that end an attribute name: whitespace, `/`, `>` and `=`; everything else is ORDINARY. */
const BYTE_CLASS = new Uint8Array(256);
for (const byte of [0x20, 0x0a, 0x09, 0x0c, 0x0d]) BYTE_CLASS[byte] = WHITESPACE;
for (const byte of [0x2f, 0x3e, 0x3d]) BYTE_CLASS[byte] = 2;

/** Bytes looked at one by one before calling indexOf: between tags, text is often short. */
const SHORT_RUN = 24;

/** Position of the next `<` from `index`, or -1. */
function findLessThan(chunk: Uint8Array, index: number): number {
  const end = Math.min(chunk.length, index + SHORT_RUN);
  for (let cursor = index; cursor < end; cursor++) if (chunk[cursor] === LT) return cursor;
  return end === chunk.length ? -1 : chunk.indexOf(LT, end);
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x09 || byte === 0x0c || byte === 0x0d;
}

function isAsciiAlpha(byte: number): boolean {
  return (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a;
}

function toLowerByte(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
}

export class HtmlScanner {
  private state = S.Data;
  private base = 0;
  private sink: ScanSink;

  private tokenStart = -1;
  private readonly token = new ScannedTag();
  private isEndTag = false;
  private interest = TagInterest.None;
  private selfClosing = false;
  private attributes: [string, string][] | undefined;
  private attrName = "";
  private attrValue = "";

  /** Name of the element whose raw text we are in, and how far `</name` matched. */
  private textEndName = "";
  private textEndId = 0;
  private textModel = ContentModel.Data;
  private matched = 0;
  private tempBuffer = "";
  private markupCandidates = 0;

  constructor(sink: ScanSink) {
    this.sink = sink;
  }

  /** Offset of the `<` of a tag whose position may matter and is not complete yet, or -1. */
  get pendingTagStart(): number {
    if (this.state === S.TagOpen || this.state === S.EndTagOpen || this.state === S.TagName)
      return this.tokenStart;
    // Note: `</name` in raw text may still become the element's end tag, held from its `<` like any tag.
    if (this.state >= S.TextLessThan && this.state <= S.TextEndTagName) return this.tokenStart;
    if (this.state === S.ScriptEscapedLessThan) return this.tokenStart;

    const isInTag = this.state >= S.BeforeAttrName && this.state <= S.SelfClosing;
    return isInTag && this.interest & TagInterest.Position ? this.tokenStart : -1;
  }

  /** Whether the stream ended (or is now) in the data state, with no token begun. */
  get isAtDataBoundary(): boolean {
    return this.isEndedInData ?? this.state === S.Data;
  }

  private isEndedInData: boolean | undefined;

  /** Scans one chunk; its first byte is at `offset` in the stream. */
  write(chunk: Uint8Array, offset: number): void {
    this.base = offset;
    let index = 0;
    const { sink } = this;
    while (index < chunk.length && !sink.done) {
      index = this.state === S.Data ? this.scanData(chunk, index) : this.step(chunk, index);
    }
  }

  /** Applies the end-of-file rules of the states that emit something at EOF. */
  end(offset: number): void {
    this.isEndedInData = this.state === S.Data;
    switch (this.state) {
      case S.TagOpen:
      case S.EndTagOpen:
        if (this.sink.wantsText) this.sink.onText(this.tokenStart, this.tokenStart);
        break;
      case S.MarkupDeclaration:
      case S.CommentStart:
      case S.CommentStartDash:
      case S.Comment:
      case S.CommentEndDash:
      case S.CommentEnd:
      case S.CommentEndBang:
      case S.BogusComment:
      case S.Doctype:
        this.finishOpaque();
        break;
      default:
        break;
    }
    this.base = offset;
  }

  /** Consumes bytes from `index` in the current state; returns where to go on. */
  private step(chunk: Uint8Array, index: number): number {
    switch (this.state) {
      case S.Data:
        return this.scanData(chunk, index);
      case S.TagOpen:
        return this.tagOpen(chunk[index] as number, index);
      case S.EndTagOpen:
        return this.endTagOpen(chunk[index] as number, index);
      case S.TagName:
        return this.tagName(chunk, index);
      case S.BeforeAttrName:
      case S.AttrName:
      case S.AfterAttrName:
      case S.BeforeAttrValue:
      case S.AttrValueUnquoted:
      case S.AfterAttrValueQuoted:
      case S.SelfClosing:
      case S.AttrValueDouble:
      case S.AttrValueSingle:
        return this.attributes
          ? this.attributeRun(chunk, index)
          : this.skipAttributes(chunk, index);
      case S.MarkupDeclaration:
        return this.markupDeclaration(chunk[index] as number, index);
      case S.BogusComment:
      case S.Doctype:
        return this.skipTo(chunk, index, GT);
      case S.Cdata:
      case S.CdataBracket:
      case S.CdataEnd:
        return this.cdata(chunk, index);
      case S.Plaintext:
        return chunk.length;
      default:
        return this.state < S.Text ? this.comment(chunk, index) : this.rawText(chunk, index);
    }
  }

  private scanData(chunk: Uint8Array, index: number): number {
    const next = findLessThan(chunk, index);
    const stop = next === -1 ? chunk.length : next;
    if (this.sink.wantsText && stop > index) this.reportText(chunk, index, stop);
    if (next === -1) return chunk.length;

    this.tokenStart = this.base + next;
    this.state = S.TagOpen;
    if (next + 1 === chunk.length) return next + 1;

    // Fast path of the common case: go on with the tag in this call.
    const after = this.tagOpen(chunk[next + 1] as number, next + 1);
    return (this.state as S) === S.TagName ? this.tagName(chunk, after) : after;
  }

  private reportText(chunk: Uint8Array, start: number, stop: number): void {
    let firstNonWhitespace = -1;
    for (let index = start; index < stop; index++) {
      if (!isWhitespace(chunk[index] as number)) {
        firstNonWhitespace = this.base + index;
        break;
      }
    }
    this.sink.onText(this.base + start, firstNonWhitespace);
  }

  private tagOpen(byte: number, index: number): number {
    if (byte === BANG) {
      this.beginMarkupDeclaration();
      return index + 1;
    }
    if (byte === SLASH) {
      this.state = S.EndTagOpen;
      return index + 1;
    }
    if (isAsciiAlpha(byte)) {
      this.beginTagName(false);
      return index;
    }
    if (byte === QUESTION) {
      this.state = S.BogusComment;
      return index;
    }

    // Note: "<" not followed by a tag is text (§13.2.5.6, anything else).
    this.state = S.Data;
    if (this.sink.wantsText) this.sink.onText(this.tokenStart, this.tokenStart);
    return index;
  }

  private endTagOpen(byte: number, index: number): number {
    if (isAsciiAlpha(byte)) {
      this.beginTagName(true);
      return index;
    }
    this.state = byte === GT ? S.Data : S.BogusComment;
    return byte === GT ? index + 1 : index;
  }

  private beginTagName(isEnd: boolean): void {
    this.isEndTag = isEnd;
    this.token.resetName();
    this.selfClosing = false;
    this.attributes = undefined;
    this.state = S.TagName;
  }

  private tagName(chunk: Uint8Array, index: number): number {
    const tag = this.token;
    const { bytes } = tag;
    let { length, hash } = tag;
    let cursor = index;
    while (cursor < chunk.length) {
      const byte = chunk[cursor] as number;
      if (BYTE_CLASS[byte] !== ORDINARY && byte !== EQUALS) break;
      const lower = toLowerByte(byte);
      if (length < MAX_NAME) bytes[length] = lower;
      length++;
      hash = hashNameByte(hash, lower);
      cursor++;
    }
    tag.length = length;
    tag.hash = hash;
    if (cursor === chunk.length) return cursor;

    tag.identify();
    this.announceTag();
    if (chunk[cursor] === GT) return this.emitTag(cursor);
    return this.attributes ? this.attributeRun(chunk, cursor) : this.skipAttributes(chunk, cursor);
  }

  private announceTag(): void {
    const tag = this.token;
    tag.isEnd = this.isEndTag;
    tag.start = this.tokenStart;
    this.interest = this.sink.onTagName(tag);
    if (this.interest & TagInterest.Attributes) this.attributes = [];
    this.state = S.BeforeAttrName;
  }

  /**
   * The attribute states of the standard in one loop, for a tag whose attributes are
   * not collected (most tags): same transitions as attributeRun(), nothing recorded.
   */
  private skipAttributes(chunk: Uint8Array, index: number): number {
    const length = chunk.length;
    let state = this.state;
    let cursor = index;
    while (cursor < length) {
      const byte = chunk[cursor] as number;
      const isSpace = BYTE_CLASS[byte] === WHITESPACE;
      switch (state) {
        case S.BeforeAttrName:
          if (isSpace) cursor++;
          else if (byte === SLASH || byte === GT) state = S.AfterAttrName;
          else {
            state = S.AttrName;
            cursor++;
          }
          break;
        case S.AttrName:
          if (isSpace || byte === SLASH || byte === GT) state = S.AfterAttrName;
          else {
            if (byte === EQUALS) state = S.BeforeAttrValue;
            cursor++;
          }
          break;
        case S.AfterAttrName:
          if (byte === GT) return this.emitSkipped(cursor);
          if (!isSpace)
            state =
              byte === SLASH ? S.SelfClosing : byte === EQUALS ? S.BeforeAttrValue : S.AttrName;
          cursor++;
          break;
        case S.BeforeAttrValue:
          if (isSpace) cursor++;
          else if (byte === GT) return this.emitSkipped(cursor);
          else if (byte === DQUOTE || byte === SQUOTE) {
            state = byte === DQUOTE ? S.AttrValueDouble : S.AttrValueSingle;
            cursor++;
          } else state = S.AttrValueUnquoted;
          break;
        case S.AttrValueDouble:
        case S.AttrValueSingle: {
          const close = chunk.indexOf(state === S.AttrValueDouble ? DQUOTE : SQUOTE, cursor);
          if (close === -1) {
            this.state = state;
            return length;
          }
          state = S.AfterAttrValueQuoted;
          cursor = close + 1;
          break;
        }
        case S.AttrValueUnquoted:
          if (byte === GT) return this.emitSkipped(cursor);
          if (isSpace) state = S.BeforeAttrName;
          cursor++;
          break;
        case S.AfterAttrValueQuoted:
          if (byte === GT) return this.emitSkipped(cursor);
          if (isSpace || byte === SLASH) cursor++;
          state = byte === SLASH ? S.SelfClosing : S.BeforeAttrName;
          break;
        default:
          if (byte === GT) {
            this.selfClosing = true;
            return this.emitSkipped(cursor);
          }
          state = S.BeforeAttrName;
          break;
      }
    }
    this.state = state;
    return cursor;
  }

  private emitSkipped(index: number): number {
    this.state = S.Data;
    return this.emitTag(index);
  }

  /** Reads a tag's attributes up to its end or the chunk's, without going back to step(). */
  private attributeRun(chunk: Uint8Array, index: number): number {
    let cursor = index;
    while (cursor < chunk.length) {
      switch (this.state) {
        case S.BeforeAttrName:
          cursor = this.beforeAttributeName(chunk, cursor);
          break;
        case S.AttrName:
          cursor = this.attributeName(chunk, cursor);
          break;
        case S.AttrValueDouble:
          cursor = this.quotedValue(chunk, cursor, DQUOTE);
          break;
        case S.AttrValueSingle:
          cursor = this.quotedValue(chunk, cursor, SQUOTE);
          break;
        case S.AttrValueUnquoted:
          cursor = this.unquotedValue(chunk, cursor);
          break;
        case S.AfterAttrName:
        case S.BeforeAttrValue:
        case S.AfterAttrValueQuoted:
        case S.SelfClosing:
          cursor = this.attributeByte(chunk[cursor] as number, cursor);
          break;
        default:
          return cursor;
      }
    }
    return cursor;
  }

  private beforeAttributeName(chunk: Uint8Array, index: number): number {
    let cursor = index;
    while (cursor < chunk.length && BYTE_CLASS[chunk[cursor] as number] === WHITESPACE) cursor++;
    if (cursor === chunk.length) return cursor;

    const byte = chunk[cursor] as number;
    if (byte === SLASH || byte === GT) {
      this.state = S.AfterAttrName;
      return cursor;
    }
    this.beginAttribute(byte === EQUALS ? "=" : "");
    return byte === EQUALS ? cursor + 1 : cursor;
  }

  private attributeName(chunk: Uint8Array, index: number): number {
    let cursor = index;
    while (cursor < chunk.length && BYTE_CLASS[chunk[cursor] as number] === ORDINARY) cursor++;
    if (this.attributes && this.attrName.length < MAX_NAME)
      this.attrName += latin1(chunk, index, cursor).toLowerCase();
    if (cursor === chunk.length) return cursor;

    if (chunk[cursor] === EQUALS) {
      this.state = S.BeforeAttrValue;
      return cursor + 1;
    }
    this.state = S.AfterAttrName;
    return cursor;
  }

  private unquotedValue(chunk: Uint8Array, index: number): number {
    let cursor = index;
    while (cursor < chunk.length && !isWhitespace(chunk[cursor] as number) && chunk[cursor] !== GT)
      cursor++;
    if (this.attributes && this.attrValue.length < MAX_ATTRIBUTE_VALUE)
      this.attrValue += latin1(chunk, index, cursor);
    if (cursor === chunk.length) return cursor;

    if (chunk[cursor] === GT) return this.emitTag(cursor);
    this.finishAttribute();
    this.state = S.BeforeAttrName;
    return cursor + 1;
  }

  private attributeByte(byte: number, index: number): number {
    switch (this.state) {
      case S.AfterAttrName:
        if (isWhitespace(byte)) return index + 1;
        if (byte === SLASH) return this.enterSelfClosing(index);
        if (byte === EQUALS) {
          this.state = S.BeforeAttrValue;
          return index + 1;
        }
        if (byte === GT) return this.emitTag(index);
        this.finishAttribute();
        this.beginAttribute("");
        return index;
      case S.BeforeAttrValue:
        if (isWhitespace(byte)) return index + 1;
        if (byte === DQUOTE || byte === SQUOTE) {
          this.state = byte === DQUOTE ? S.AttrValueDouble : S.AttrValueSingle;
          return index + 1;
        }
        if (byte === GT) return this.emitTag(index);
        this.state = S.AttrValueUnquoted;
        return index;
      case S.AfterAttrValueQuoted:
        this.finishAttribute();
        if (isWhitespace(byte)) {
          this.state = S.BeforeAttrName;
          return index + 1;
        }
        if (byte === SLASH) return this.enterSelfClosing(index);
        if (byte === GT) return this.emitTag(index);
        this.state = S.BeforeAttrName;
        return index;
      default:
        if (byte === GT) {
          this.selfClosing = true;
          return this.emitTag(index);
        }
        this.state = S.BeforeAttrName;
        return index;
    }
  }

  private enterSelfClosing(index: number): number {
    this.finishAttribute();
    this.state = S.SelfClosing;
    return index + 1;
  }

  private beginAttribute(firstChar: string): void {
    this.finishAttribute();
    this.attrName = firstChar;
    this.attrValue = "";
    this.state = S.AttrName;
  }

  private finishAttribute(): void {
    if (!this.attributes || this.attrName === "") return;

    // Note: a repeated attribute is dropped, the first one wins (§13.2.5.33).
    if (!this.attributes.some(([name]) => name === this.attrName))
      this.attributes.push([this.attrName, this.attrValue]);
    this.attrName = "";
    this.attrValue = "";
  }

  private quotedValue(chunk: Uint8Array, index: number, quote: number): number {
    const close = chunk.indexOf(quote, index);
    const stop = close === -1 ? chunk.length : close;
    if (this.attributes && this.attrValue.length < MAX_ATTRIBUTE_VALUE) {
      this.attrValue += latin1(chunk, index, Math.min(stop, index + MAX_ATTRIBUTE_VALUE));
    }
    if (close === -1) return chunk.length;

    this.state = S.AfterAttrValueQuoted;
    return close + 1;
  }

  private emitTag(index: number): number {
    this.finishAttribute();
    // Note: one token object is reused for every tag; sinks must not keep it.
    const tag = this.token;
    tag.isEnd = this.isEndTag;
    tag.start = this.tokenStart;
    tag.end = this.base + index + 1;
    tag.selfClosing = this.selfClosing;
    tag.attributes = this.attributes;
    this.state = S.Data;
    this.interest = TagInterest.None;
    if (tag.isEnd) {
      this.sink.onEndTag(tag);
      return index + 1;
    }
    this.enterContentModel(this.sink.onStartTag(tag), tag);
    return index + 1;
  }

  private enterContentModel(model: ContentModel, tag: ScannedTag): void {
    if (model === ContentModel.Data) return;
    if (model === ContentModel.Plaintext) {
      this.state = S.Plaintext;
      return;
    }
    this.textModel = model;
    this.textEndName = tag.name;
    this.textEndId = tag.id;
    this.state = S.Text;
  }

  private beginMarkupDeclaration(): void {
    this.state = S.MarkupDeclaration;
    this.matched = 0;
    this.markupCandidates = 0b111;
  }

  private markupDeclaration(byte: number, index: number): number {
    const position = this.matched;
    let candidates = 0;
    if (this.markupCandidates & 1 && byte === DASH) candidates |= 1;
    if (this.markupCandidates & 2 && toLowerByte(byte) === DOCTYPE_WORD.charCodeAt(position))
      candidates |= 2;
    if (this.markupCandidates & 4 && byte === CDATA_WORD.charCodeAt(position)) candidates |= 4;
    if (candidates === 0) {
      this.state = S.BogusComment;
      return index;
    }

    this.markupCandidates = candidates;
    this.matched = position + 1;
    if (candidates === 1 && this.matched === 2) this.state = S.CommentStart;
    else if (candidates === 2 && this.matched === DOCTYPE_WORD.length) this.state = S.Doctype;
    else if (candidates === 4 && this.matched === CDATA_WORD.length)
      this.state = this.sink.isForeignContent() ? S.Cdata : S.BogusComment;
    return index + 1;
  }

  private skipTo(chunk: Uint8Array, index: number, byte: number): number {
    const found = chunk.indexOf(byte, index);
    if (found === -1) return chunk.length;

    this.finishOpaque();
    return found + 1;
  }

  private finishOpaque(): void {
    const kind =
      this.state === S.Doctype
        ? OpaqueKind.Doctype
        : this.state >= S.Cdata && this.state <= S.CdataEnd
          ? OpaqueKind.Cdata
          : OpaqueKind.Comment;
    this.state = S.Data;
    this.sink.onOpaqueToken(this.tokenStart, kind);
  }

  private comment(chunk: Uint8Array, index: number): number {
    const byte = chunk[index] as number;
    switch (this.state) {
      case S.CommentStart:
        return this.commentStart(byte, index, S.CommentStartDash);
      case S.CommentStartDash:
        return this.commentStart(byte, index, S.CommentEnd);
      case S.Comment: {
        const dash = chunk.indexOf(DASH, index);
        if (dash === -1) return chunk.length;
        this.state = S.CommentEndDash;
        return dash + 1;
      }
      case S.CommentEndDash:
        this.state = byte === DASH ? S.CommentEnd : S.Comment;
        return byte === DASH ? index + 1 : index;
      case S.CommentEnd:
        if (byte === GT) return this.endComment(index);
        if (byte === BANG) this.state = S.CommentEndBang;
        else if (byte !== DASH) this.state = S.Comment;
        return byte === BANG || byte === DASH ? index + 1 : index;
      default:
        if (byte === GT) return this.endComment(index);
        this.state = byte === DASH ? S.CommentEndDash : S.Comment;
        return byte === DASH ? index + 1 : index;
    }
  }

  private commentStart(byte: number, index: number, onDash: S): number {
    if (byte === GT) return this.endComment(index);
    if (byte === DASH) {
      this.state = onDash;
      return index + 1;
    }
    this.state = S.Comment;
    return index;
  }

  private endComment(index: number): number {
    this.finishOpaque();
    return index + 1;
  }

  private cdata(chunk: Uint8Array, index: number): number {
    if (this.state === S.Cdata) {
      const bracket = chunk.indexOf(RBRACKET, index);
      if (bracket === -1) return chunk.length;
      this.state = S.CdataBracket;
      return bracket + 1;
    }
    const byte = chunk[index] as number;
    if (this.state === S.CdataBracket) {
      this.state = byte === RBRACKET ? S.CdataEnd : S.Cdata;
      return byte === RBRACKET ? index + 1 : index;
    }
    if (byte === GT) return this.endComment(index);
    if (byte !== RBRACKET) this.state = S.Cdata;
    return byte === RBRACKET ? index + 1 : index;
  }

  /** RCDATA, RAWTEXT and script data: only the element's own end tag ends them. */
  private rawText(chunk: Uint8Array, index: number): number {
    switch (this.state) {
      case S.Text:
      case S.ScriptEscaped:
      case S.ScriptDoubleEscaped:
        return this.skipRawRun(chunk, index);
      case S.TextLessThan:
        return this.textLessThan(chunk[index] as number, index);
      case S.TextEndTagOpen:
      case S.TextEndTagName:
        return this.textEndTagName(chunk[index] as number, index);
      default:
        return this.scriptEscapes(chunk[index] as number, index);
    }
  }

  private skipRawRun(chunk: Uint8Array, index: number): number {
    const isEscaped = this.state !== S.Text;
    let cursor = index;
    while (cursor < chunk.length) {
      const byte = chunk[cursor] as number;
      if (byte === LT) {
        this.enterRawLessThan(cursor);
        return cursor + 1;
      }
      if (isEscaped && byte === DASH) {
        this.state =
          this.state === S.ScriptEscaped ? S.ScriptEscapedDash : S.ScriptDoubleEscapedDash;
        return cursor + 1;
      }
      if (!isEscaped) {
        const next = chunk.indexOf(LT, cursor);
        if (next === -1) return chunk.length;
        cursor = next;
        continue;
      }
      cursor++;
    }
    return cursor;
  }

  private enterRawLessThan(index: number): void {
    if (this.state === S.ScriptDoubleEscaped) {
      this.state = S.ScriptDoubleEscapedLessThan;
      return;
    }
    this.tokenStart = this.base + index;
    this.state = this.state === S.ScriptEscaped ? S.ScriptEscapedLessThan : S.TextLessThan;
  }

  private textLessThan(byte: number, index: number): number {
    if (byte === SLASH) {
      this.state = S.TextEndTagOpen;
      this.returnState = S.Text;
      this.matched = 0;
      return index + 1;
    }
    if (byte === BANG && this.textModel === ContentModel.ScriptData) {
      this.state = S.ScriptEscapeStart;
      return index + 1;
    }
    this.state = S.Text;
    return index;
  }

  /** Matches `</name` then a whitespace, `/` or `>`: the appropriate end tag. */
  private textEndTagName(byte: number, index: number): number {
    if (this.matched === this.textEndName.length) {
      if (isWhitespace(byte) || byte === SLASH || byte === GT) {
        this.beginTagName(true);
        this.token.setKnownName(this.textEndName, this.textEndId);
        this.announceTag();
        return index;
      }
    } else if (toLowerByte(byte) === this.textEndName.charCodeAt(this.matched)) {
      this.matched++;
      this.state = S.TextEndTagName;
      return index + 1;
    }
    this.state = this.returnState;
    return index;
  }

  /** State to go back to when a `</` in raw text turns out not to end it. */
  private returnState = S.Text;

  private scriptEscapes(byte: number, index: number): number {
    switch (this.state) {
      case S.ScriptEscapeStart:
      case S.ScriptEscapeStartDash:
        if (byte !== DASH) {
          this.state = S.Text;
          return index;
        }
        this.state =
          this.state === S.ScriptEscapeStart ? S.ScriptEscapeStartDash : S.ScriptEscapedDashDash;
        return index + 1;
      case S.ScriptEscapedDash:
      case S.ScriptDoubleEscapedDash:
        return this.afterEscapedDash(byte, index);
      case S.ScriptEscapedDashDash:
      case S.ScriptDoubleEscapedDashDash:
        return this.afterEscapedDashDash(byte, index);
      case S.ScriptEscapedLessThan:
        return this.escapedLessThan(byte, index);
      case S.ScriptDoubleEscapedLessThan:
        if (byte !== SLASH) {
          this.state = S.ScriptDoubleEscaped;
          return index;
        }
        this.tempBuffer = "";
        this.state = S.ScriptDoubleEscapeEnd;
        return index + 1;
      default:
        return this.doubleEscapeBoundary(byte, index);
    }
  }

  private afterEscapedDash(byte: number, index: number): number {
    const isDouble = this.state === S.ScriptDoubleEscapedDash;
    if (byte === DASH) {
      this.state = isDouble ? S.ScriptDoubleEscapedDashDash : S.ScriptEscapedDashDash;
      return index + 1;
    }
    this.state = isDouble ? S.ScriptDoubleEscaped : S.ScriptEscaped;
    return index;
  }

  private afterEscapedDashDash(byte: number, index: number): number {
    const isDouble = this.state === S.ScriptDoubleEscapedDashDash;
    if (byte === DASH) return index + 1;
    if (byte === GT) {
      this.state = S.Text;
      return index + 1;
    }
    this.state = isDouble ? S.ScriptDoubleEscaped : S.ScriptEscaped;
    return index;
  }

  private escapedLessThan(byte: number, index: number): number {
    if (byte === SLASH) {
      this.state = S.TextEndTagOpen;
      this.returnState = S.ScriptEscaped;
      this.matched = 0;
      return index + 1;
    }
    if (isAsciiAlpha(byte)) {
      this.tempBuffer = "";
      this.state = S.ScriptDoubleEscapeStart;
      return index;
    }
    this.state = S.ScriptEscaped;
    return index;
  }

  /** `<script` inside an escaped script starts double escaping; `</script` ends it. */
  private doubleEscapeBoundary(byte: number, index: number): number {
    const isStart = this.state === S.ScriptDoubleEscapeStart;
    if (isWhitespace(byte) || byte === SLASH || byte === GT) {
      const isScript = this.tempBuffer === "script";
      if (isStart) this.state = isScript ? S.ScriptDoubleEscaped : S.ScriptEscaped;
      else this.state = isScript ? S.ScriptEscaped : S.ScriptDoubleEscaped;
      return index + 1;
    }
    if (isAsciiAlpha(byte)) {
      if (this.tempBuffer.length < 8) this.tempBuffer += String.fromCharCode(toLowerByte(byte));
      return index + 1;
    }
    this.state = isStart ? S.ScriptEscaped : S.ScriptDoubleEscaped;
    return index;
  }
}

/** The tag token, reused from tag to tag: its name bytes are kept, its string made on demand. */
class ScannedTag implements TagToken {
  readonly bytes = new Uint8Array(MAX_NAME);
  length = 0;
  hash = NAME_HASH_SEED;
  id = 0;
  flags = 0;
  isEnd = false;
  start = 0;
  end = 0;
  selfClosing = false;
  attributes: [string, string][] | undefined;
  private text: string | undefined;

  get name(): string {
    this.text ??=
      this.id !== 0
        ? (TAG_NAMES[this.id] as string)
        : String.fromCharCode(...this.bytes.subarray(0, Math.min(this.length, MAX_NAME)));
    return this.text;
  }

  resetName(): void {
    this.length = 0;
    this.hash = NAME_HASH_SEED;
    this.id = 0;
    this.flags = 0;
    this.text = undefined;
  }

  /** Looks the name up once it is complete. */
  identify(): void {
    this.id = this.length <= MAX_NAME ? findTagId(this.bytes, this.length, this.hash) : 0;
    this.flags = TAG_FLAGS[this.id] as number;
  }

  setKnownName(name: string, id: number): void {
    this.text = name;
    this.id = id;
    this.flags = TAG_FLAGS[id] as number;
  }
}

function latin1(chunk: Uint8Array, start: number, end: number): string {
  if (Buffer.isBuffer(chunk)) return chunk.toString("latin1", start, end);
  return Buffer.from(chunk.buffer, chunk.byteOffset + start, end - start).toString("latin1");
}
