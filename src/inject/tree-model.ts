/**
 * A conservative model of the HTML standard's tree builder (§13.2.6), fed by the
 * scanner's tokens. It keeps only what decides where our two scripts may go: whether
 * <head> is still open, the open templates, tables, cells, markers, selects and
 * foreign (SVG/MathML) elements, and the formatting elements that could be
 * reconstructed. Where the markup needs more of the tree builder than this model
 * has, it gives up, and the page is served untouched.
 * Usage: `const model = new TreeModel({ sniff: true }); new HtmlScanner(model)`.
 */

import {
  CONTENT_MODELS,
  FOREIGN_BREAKOUT,
  FORMATTING_ELEMENTS,
  FORMATTING_INDEX,
  HEAD_CONTENT,
  MARKER_ELEMENTS,
  MATHML_TEXT_INTEGRATION_POINTS,
  SELECT_CLOSERS,
  SELECT_CONTENT,
  SVG_HTML_INTEGRATION_POINTS,
  TABLE_PARTS,
  VOID_ELEMENTS,
} from "./element-sets.js";
import {
  ContentModel,
  MAX_ATTRIBUTE_VALUE,
  OpaqueKind,
  type ScanSink,
  TagInterest,
  type TagToken,
} from "./scanner.js";
import { Flag, TAG_NAMES } from "./tag-names.js";

const BODY_ID = TAG_NAMES.indexOf("body");
const HTML_ID = TAG_NAMES.indexOf("html");
const FONT_ID = TAG_NAMES.indexOf("font");
const META_ID = TAG_NAMES.indexOf("meta");

/** Why no safe position exists for our scripts. */
export type GiveUpReason =
  | "not-a-document"
  | "frameset"
  | "plaintext"
  | "already-tagged"
  | "unsupported-markup";

enum Kind {
  Table,
  Cell,
  Caption,
  Marker,
  Template,
  Select,
  Foreign,
  Generic,
}

enum Ns {
  Html,
  Svg,
  MathMl,
}

enum IntegrationPoint {
  None,
  Html,
  MathMlText,
}

interface Entry {
  name: string;
  kind: Kind;
  ns: Ns;
  integration: IntegrationPoint;
  /** Formatting counts to restore when this marker element closes. */
  savedFormatting: SavedFormatting | undefined;
}

interface SavedFormatting {
  counts: number[];
  open: number;
}

/** What a marker saves when no formatting element is open (the common case): nothing to copy. */
const NO_FORMATTING: SavedFormatting = { counts: [], open: 0 };
const CELL_OR_CAPTION = (1 << Kind.Cell) | (1 << Kind.Caption);

/** Tags a document may start with, when sniffing tells documents from fragments. */
const DOCUMENT_START = new Set(["html", "head", "body", "title", "meta", "link", "base", "style"]);
const LOADER_FILE = /(^|[/\\])smarttag_ent\.js([?#]|$)/i;

export interface TreeModelOptions {
  /** Give up unless the bytes start like an HTML document (not JSON, CSS or a fragment). */
  sniff: boolean;
  /** An XHTML document: `<![CDATA[` opens a CDATA section anywhere, as in XML. */
  isXml?: boolean;
}

export class TreeModel implements ScanSink {
  /** Where the loader goes (offset in the stream), once known. */
  loaderAt = -1;
  /** Offset of a real `</body>` (or `</html>`) after which only trailing tokens came. */
  candidateAt = -1;
  giveUpReason: GiveUpReason | undefined;
  /** Content of each `<meta http-equiv="Content-Security-Policy">` of <head>, in order. */
  readonly metaPolicies: string[] = [];

  private isSniffing: boolean;
  private readonly isXml: boolean;
  private isHeadPhase = true;
  private isAfterHead = false;
  /** Whether the body has begun: after it, a script no longer lands in <head>. */
  hasBody = false;
  private stack: Entry[] = [];
  private readonly freeEntries: Entry[] = [];
  private templateDepth = 0;
  private foreignDepth = 0;
  private formatting: number[] = FORMATTING_ELEMENTS.map(() => 0);
  /** Sum of `formatting`, to tell at once whether any is open. */
  private formattingOpen = 0;

  constructor(options: TreeModelOptions) {
    this.isSniffing = options.sniff;
    this.isXml = options.isXml ?? false;
  }

  /** Set once the model has given up: nothing more to read. */
  done = false;

  get wantsText(): boolean {
    return (
      this.isSniffing || (this.isHeadPhase && this.templateDepth === 0) || this.candidateAt >= 0
    );
  }

  /** Whether a script appended at the very end of the stream would be ours to run in <body>. */
  isSafeAtEnd(isTokenizerInData: boolean): boolean {
    const isInBody = this.hasBody && !this.isHeadPhase;
    if (this.done || !isTokenizerInData || !isInBody) return false;
    return this.templateDepth === 0 && this.foreignDepth === 0 && !this.mayBeFosterParented();
  }

  /**
   * Whether the current node may be content that a table moved before itself (§13.2.6.1):
   * a script appended there would come before the table. Inside a cell or caption it cannot.
   */
  private mayBeFosterParented(): boolean {
    for (let index = this.stack.length - 1; index >= 0; index--) {
      const kind = (this.stack[index] as Entry).kind;
      if (kind === Kind.Cell || kind === Kind.Caption) return false;
      if (kind === Kind.Table) return true;
    }
    return false;
  }

  onTagName(tag: TagToken): TagInterest {
    let interest = TagInterest.None;
    if (!tag.isEnd && tag.flags & Flag.Attributes) interest |= TagInterest.Attributes;
    if (!tag.isEnd && tag.id === META_ID && this.isHeadPhase) interest |= TagInterest.Attributes;
    if (this.isSniffing || this.isHeadPhase) interest |= TagInterest.Position;
    if (tag.isEnd && (tag.id === BODY_ID || tag.id === HTML_ID)) interest |= TagInterest.Position;
    return interest;
  }

  /**
   * Whether only flagged tags can change the model: in <body>, with no </body> pending,
   * outside foreign content and <select>.
   */
  private isSimpleContext(): boolean {
    if (this.isHeadPhase || this.candidateAt >= 0 || this.isSniffing || this.foreignDepth > 0)
      return false;
    const { length } = this.stack;
    return length === 0 || (this.stack[length - 1] as Entry).kind !== Kind.Select;
  }

  isForeignContent(): boolean {
    if (this.isXml) return true;
    const top = this.top();
    return top !== undefined && top.ns !== Ns.Html;
  }

  onText(_start: number, firstNonWhitespace: number): void {
    if (this.done) return;
    if (this.isSniffing) {
      if (firstNonWhitespace >= 0) this.giveUp("not-a-document");
      return;
    }
    if (this.isHeadPhase && this.templateDepth === 0) {
      if (firstNonWhitespace >= 0) this.endHead(firstNonWhitespace);
      return;
    }
    // Note: whitespace after </body> reconstructs pending formatting elements (§13.2.4.3).
    if (this.candidateAt >= 0 && (firstNonWhitespace >= 0 || this.hasPendingFormatting()))
      this.candidateAt = -1;
  }

  onOpaqueToken(_start: number, kind: OpaqueKind): void {
    if (this.isSniffing && kind === OpaqueKind.Doctype) this.isSniffing = false;
    if (kind === OpaqueKind.Cdata && this.candidateAt >= 0) this.candidateAt = -1;
  }

  onStartTag(tag: TagToken): ContentModel {
    const isSimple = this.isSimpleContext();
    if (isSimple && !(tag.flags & Flag.BodyStart)) return ContentModel.Data;
    if (isSimple && tag.flags & Flag.Formatting && tag.id !== FONT_ID) {
      this.countFormattingStart(tag.name);
      return ContentModel.Data;
    }
    if (this.done) return ContentModel.Data;
    if (this.isSniffing) {
      this.isSniffing = false;
      if (!DOCUMENT_START.has(tag.name)) return this.giveUp("not-a-document");
    }
    return this.usesForeignRules(tag.name) ? this.foreignStartTag(tag) : this.htmlStartTag(tag);
  }

  onEndTag(tag: TagToken): void {
    const isSimple = this.isSimpleContext();
    if (isSimple && !(tag.flags & Flag.BodyEnd)) return;
    if (isSimple && tag.flags & Flag.Formatting) {
      this.countFormattingEnd(tag.name);
      return;
    }
    if (this.done) return;
    if (this.isSniffing) {
      this.giveUp("not-a-document");
      return;
    }
    const top = this.top();
    if (top !== undefined && top.ns !== Ns.Html) this.foreignEndTag(tag);
    else this.htmlEndTag(tag, false);
  }

  private htmlStartTag(tag: TagToken): ContentModel {
    const { name } = tag;
    if (this.isHeadPhase && this.templateDepth === 0) {
      if (name === "html" || name === "head") return ContentModel.Data;
      const staysInHead = HEAD_CONTENT.has(name) || (name === "noscript" && !this.isAfterHead);
      if (!staysInHead) this.endHead(tag.start);
      if (name === "meta") this.recordMetaPolicy(tag);
    }
    if (this.candidateAt >= 0) this.candidateAt = -1;
    if (name === "frameset" || name === "plaintext") return this.giveUp(name);
    if (name === "script" && hasLoaderSource(tag)) return this.giveUp("already-tagged");

    if (this.top()?.kind === Kind.Select) {
      if (SELECT_CONTENT.has(name)) return CONTENT_MODELS.get(name) ?? ContentModel.Data;
      if (!SELECT_CLOSERS.has(name) && name !== "select") return this.giveUp("unsupported-markup");
      // Note: these close the <select>; a nested <select> opens nothing (§13.2.6.4.16).
      this.popTo(this.stack.length - 1);
      if (name === "select") return ContentModel.Data;
    }
    this.trackStartTag(tag);
    return CONTENT_MODELS.get(name) ?? ContentModel.Data;
  }

  private trackStartTag(tag: TagToken): void {
    const { name } = tag;
    if (name === "template") this.push(name, Kind.Template, true);
    else if (name === "table") this.startTable();
    else if (TABLE_PARTS.has(name)) this.startTablePart(name);
    else if (MARKER_ELEMENTS.has(name)) this.push(name, Kind.Marker, true);
    else if (name === "select") this.push(name, Kind.Select, false);
    else if (name === "svg" || name === "math") {
      if (!tag.selfClosing)
        this.pushForeign(name, name === "svg" ? Ns.Svg : Ns.MathMl, IntegrationPoint.None);
    } else {
      this.countFormattingStart(name);
      if (this.foreignDepth > 0 && !VOID_ELEMENTS.has(name) && name !== "body")
        this.push(name, Kind.Generic, false);
    }
  }

  /** Only a meta that is a child of <head> sets a policy (HTML §4.2.5.3, CSP state). */
  private recordMetaPolicy(tag: TagToken): void {
    const attributes = tag.attributes ?? [];
    const httpEquiv = attributes.find(([name]) => name === "http-equiv")?.[1];
    if (httpEquiv?.trim().toLowerCase() !== "content-security-policy") return;

    const content = attributes.find(([name]) => name === "content")?.[1];
    // Note: the scanner keeps 2048 bytes of a value; a longer policy is not known whole.
    if (content !== undefined)
      this.metaPolicies.push(content.length >= MAX_ATTRIBUTE_VALUE ? "&too-long" : content);
  }

  private startTable(): void {
    if (this.top()?.kind === Kind.Table) this.popTo(this.stack.length - 1);
    this.push("table", Kind.Table, false);
  }

  /** A table part closes an open cell or caption of its table, then may open one. */
  private startTablePart(name: string): void {
    const open = this.findInTableScope(CELL_OR_CAPTION);
    if (open >= 0) this.popTo(open);
    if (this.findInTableScope(1 << Kind.Table) < 0) return;

    if (name === "td" || name === "th") this.push(name, Kind.Cell, true);
    if (name === "caption") this.push(name, Kind.Caption, true);
  }

  private foreignStartTag(tag: TagToken): ContentModel {
    const { name } = tag;
    if (FOREIGN_BREAKOUT.has(name) || (name === "font" && hasFontPresentation(tag))) {
      this.popToHtmlOrIntegrationPoint();
      return this.htmlStartTag(tag);
    }
    if (tag.selfClosing) return ContentModel.Data;

    const ns = (this.top() as Entry).ns;
    const integration = this.integrationPointOf(name, ns, tag);
    if (integration !== undefined) this.pushForeign(name, ns, integration);
    return ContentModel.Data;
  }

  private integrationPointOf(name: string, ns: Ns, tag: TagToken): IntegrationPoint | undefined {
    if (ns === Ns.Svg)
      return SVG_HTML_INTEGRATION_POINTS.has(name) ? IntegrationPoint.Html : IntegrationPoint.None;
    if (MATHML_TEXT_INTEGRATION_POINTS.has(name)) return IntegrationPoint.MathMlText;
    if (name !== "annotation-xml") return IntegrationPoint.None;

    const encoding = tag.attributes?.find(([attribute]) => attribute === "encoding")?.[1];
    if (encoding?.includes("&")) {
      this.giveUp("unsupported-markup");
      return undefined;
    }
    const isHtml =
      encoding !== undefined && /^(text\/html|application\/xhtml\+xml)$/i.test(encoding);
    return isHtml ? IntegrationPoint.Html : IntegrationPoint.None;
  }

  private foreignEndTag(tag: TagToken): void {
    const { name } = tag;
    if (name === "p" || name === "br") {
      this.popToHtmlOrIntegrationPoint();
      this.htmlEndTag(tag, true);
      return;
    }
    for (let index = this.stack.length - 1; index >= 0; index--) {
      const entry = this.stack[index] as Entry;
      if (entry.ns === Ns.Html) break;
      if (entry.name === name) {
        this.popTo(index);
        return;
      }
    }
    this.htmlEndTag(tag, true);
  }

  /** `viaForeign`: an end tag that foreign content handed to the HTML rules (§13.2.6.5). */
  private htmlEndTag(tag: TagToken, viaForeign: boolean): void {
    const { name } = tag;
    if (this.isHeadPhase && this.templateDepth === 0) {
      this.headPhaseEndTag(tag);
      return;
    }
    if (name === "body" || name === "html") {
      this.bodyEndTag(tag.start);
      return;
    }
    if (this.candidateAt >= 0) this.candidateAt = -1;
    if (this.closeTableOrTemplate(name)) return;

    const top = this.top();
    if (top?.kind === Kind.Select) {
      if (name === "select") this.popTo(this.stack.length - 1);
      else if (name !== "option" && name !== "optgroup") this.giveUp("unsupported-markup");
      return;
    }
    // Note: from a foreign element, scope checks reach elements this model does not track.
    if (viaForeign) this.giveUp("unsupported-markup");
    else if (this.foreignDepth > 0) this.closeInIntegrationPoint(name);
    else this.closeInBody(name);
  }

  private headPhaseEndTag(tag: TagToken): void {
    const { name } = tag;
    if (name === "head") {
      if (this.loaderAt < 0) this.loaderAt = tag.start;
      this.isAfterHead = true;
    } else if (name === "body" || name === "html" || name === "br") {
      // Note: the body this end tag creates is empty; our tag then goes at the end of the page.
      this.endHead(tag.start);
    } else if (name === "template") {
      this.closeTemplate();
    }
  }

  /** Only a `</body>` with body in scope is real; else the page's end is used. */
  private bodyEndTag(start: number): void {
    if (this.candidateAt >= 0) return;
    if (this.stack.length === 0 && this.hasBody) this.candidateAt = start;
  }

  /** End tags that close through table scope: they also close anything open inside. */
  private closeTableOrTemplate(name: string): boolean {
    if (name === "template") this.closeTemplate();
    else if (name === "table") this.closeInTableScope(1 << Kind.Table);
    else if (name === "td" || name === "th") this.closeInTableScope(1 << Kind.Cell, name);
    else if (name === "caption") this.closeInTableScope(1 << Kind.Caption);
    // Note: these close an open cell (§13.2.6.4.15); popping it when unsure keeps the model on the safe side.
    else if (name === "tr" || name === "tbody" || name === "thead" || name === "tfoot")
      this.closeInTableScope(1 << Kind.Cell);
    else return false;
    return true;
  }

  private closeInBody(name: string): void {
    if (FORMATTING_INDEX.has(name)) {
      this.countFormattingEnd(name);
      return;
    }
    const top = this.top();
    if (MARKER_ELEMENTS.has(name) && top?.kind === Kind.Marker && top.name === name)
      this.popTo(this.stack.length - 1);
  }

  /**
   * Inside an integration point every HTML element is tracked, and scope checks stop
   * at the integration point: an end tag closes the current element or nothing.
   */
  private closeInIntegrationPoint(name: string): void {
    for (let index = this.stack.length - 1; index >= 0; index--) {
      const entry = this.stack[index] as Entry;
      if (entry.kind === Kind.Foreign) return;
      if (entry.name !== name) continue;

      if (index !== this.stack.length - 1) {
        this.giveUp("unsupported-markup");
        return;
      }
      this.popTo(index);
      this.countFormattingEnd(name);
      return;
    }
  }

  private closeInTableScope(kinds: number, name?: string): void {
    const index = this.findInTableScope(kinds, name);
    if (index >= 0) this.popTo(index);
  }

  private closeTemplate(): void {
    for (let index = this.stack.length - 1; index >= 0; index--) {
      if ((this.stack[index] as Entry).kind !== Kind.Template) continue;
      this.popTo(index);
      return;
    }
  }

  /**
   * Index of the nearest entry of one of `kinds` (bits of Kind), named `name` if given,
   * searching down to the nearest table or template.
   */
  private findInTableScope(kinds: number, name?: string): number {
    for (let index = this.stack.length - 1; index >= 0; index--) {
      const entry = this.stack[index] as Entry;
      if (kinds & (1 << entry.kind) && (name === undefined || entry.name === name)) return index;
      if (entry.kind === Kind.Table || entry.kind === Kind.Template) return -1;
    }
    return -1;
  }

  private usesForeignRules(name: string): boolean {
    const top = this.top();
    if (top === undefined || top.ns === Ns.Html) return false;
    if (top.integration === IntegrationPoint.MathMlText)
      return name === "mglyph" || name === "malignmark";
    if (top.integration === IntegrationPoint.Html) return false;
    return !(top.ns === Ns.MathMl && top.name === "annotation-xml" && name === "svg");
  }

  private popToHtmlOrIntegrationPoint(): void {
    let index = this.stack.length;
    while (index > 0) {
      const entry = this.stack[index - 1] as Entry;
      if (entry.ns === Ns.Html || entry.integration !== IntegrationPoint.None) break;
      index--;
    }
    if (index < this.stack.length) this.popTo(index);
  }

  private endHead(offset: number): void {
    if (this.loaderAt < 0) this.loaderAt = offset;
    this.isHeadPhase = false;
    this.hasBody = true;
  }

  private countFormattingStart(name: string): void {
    const index = FORMATTING_INDEX.get(name);
    if (index === undefined) return;

    const count = this.formatting[index] as number;
    // Note: a new <a> first closes an open one (§13.2.6.4.7, "a" start tag).
    if (name === "a" && count > 0) return;
    this.formatting[index] = count + 1;
    this.formattingOpen++;
  }

  private countFormattingEnd(name: string): void {
    const index = FORMATTING_INDEX.get(name);
    if (index === undefined) return;

    const count = this.formatting[index] as number;
    if (count === 0) return;
    this.formatting[index] = count - 1;
    this.formattingOpen--;
  }

  private hasPendingFormatting(): boolean {
    return this.formattingOpen > 0;
  }

  /** A marker hides the formatting elements before it until it closes (§13.2.4.3). */
  private saveFormatting(): SavedFormatting {
    if (this.formattingOpen === 0) return NO_FORMATTING;

    const saved = { counts: this.formatting, open: this.formattingOpen };
    this.formatting = FORMATTING_ELEMENTS.map(() => 0);
    this.formattingOpen = 0;
    return saved;
  }

  private restoreFormatting(saved: SavedFormatting): void {
    if (saved === NO_FORMATTING) {
      if (this.formattingOpen > 0) this.formatting.fill(0);
      this.formattingOpen = 0;
      return;
    }
    this.formatting = saved.counts;
    this.formattingOpen = saved.open;
  }

  private push(name: string, kind: Kind, isMarker: boolean): void {
    const savedFormatting = isMarker ? this.saveFormatting() : undefined;
    if (kind === Kind.Template) this.templateDepth++;
    this.stack.push(this.makeEntry(name, kind, Ns.Html, IntegrationPoint.None, savedFormatting));
  }

  private pushForeign(name: string, ns: Ns, integration: IntegrationPoint): void {
    this.foreignDepth++;
    this.stack.push(this.makeEntry(name, Kind.Foreign, ns, integration, undefined));
  }

  /** Entries are reused: a table of many cells would otherwise make an object per cell. */
  private makeEntry(
    name: string,
    kind: Kind,
    ns: Ns,
    integration: IntegrationPoint,
    saved: SavedFormatting | undefined,
  ): Entry {
    const entry = this.freeEntries.pop();
    if (!entry) return { name, kind, ns, integration, savedFormatting: saved };
    entry.name = name;
    entry.kind = kind;
    entry.ns = ns;
    entry.integration = integration;
    entry.savedFormatting = saved;
    return entry;
  }

  /** Removes the entry at `index` and everything above it. */
  private popTo(index: number): void {
    while (this.stack.length > index) {
      const entry = this.stack.pop() as Entry;
      if (entry.kind === Kind.Template) this.templateDepth--;
      if (entry.kind === Kind.Foreign) this.foreignDepth--;
      if (entry.savedFormatting) this.restoreFormatting(entry.savedFormatting);
      if (this.freeEntries.length < 64) this.freeEntries.push(entry);
    }
  }

  private top(): Entry | undefined {
    const { length } = this.stack;
    // Note: reading index -1 of an array takes V8's slow path; check the length first.
    return length > 0 ? this.stack[length - 1] : undefined;
  }

  private giveUp(reason: GiveUpReason): ContentModel {
    this.giveUpReason ??= reason;
    this.done = true;
    return ContentModel.Data;
  }
}

function hasLoaderSource(tag: TagToken): boolean {
  const src = tag.attributes?.find(([name]) => name === "src")?.[1];
  return src !== undefined && LOADER_FILE.test(src.trim());
}

function hasFontPresentation(tag: TagToken): boolean {
  return (
    tag.attributes?.some(([name]) => name === "color" || name === "face" || name === "size") ??
    false
  );
}
