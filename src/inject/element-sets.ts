/**
 * Element names that change how the HTML standard's tree builder treats what follows
 * them (§13.2.6). Only the sets the tree model needs; all names lower-case.
 */

import { ContentModel } from "./scanner.js";
import { FORMATTING_ELEMENTS } from "./tag-names.js";

const set = (names: string) => new Set(names.split(" "));

/** Start tags that stay in <head> (or are moved into it) before the body begins. */
export const HEAD_CONTENT = set(
  "base basefont bgsound link meta noframes script style template title",
);

/** How the tokenizer reads the content of these HTML elements (scripting enabled). */
export const CONTENT_MODELS: ReadonlyMap<string, ContentModel> = new Map([
  ["title", ContentModel.Rcdata],
  ["textarea", ContentModel.Rcdata],
  ["style", ContentModel.Rawtext],
  ["xmp", ContentModel.Rawtext],
  ["iframe", ContentModel.Rawtext],
  ["noembed", ContentModel.Rawtext],
  ["noframes", ContentModel.Rawtext],
  ["noscript", ContentModel.Rawtext],
  ["script", ContentModel.ScriptData],
  ["plaintext", ContentModel.Plaintext],
]);

/** Start tags that end foreign content (§13.2.6.5), with `font` when it has color, face or size. */
export const FOREIGN_BREAKOUT = set(
  "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li " +
    "listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var",
);

export const MATHML_TEXT_INTEGRATION_POINTS = set("mi mo mn ms mtext");
export const SVG_HTML_INTEGRATION_POINTS = set("foreignobject desc title");

/** Elements that put a marker on the list of active formatting elements. */
export const MARKER_ELEMENTS = set("applet marquee object");

export { FORMATTING_ELEMENTS };
export const FORMATTING_INDEX: ReadonlyMap<string, number> = new Map(
  FORMATTING_ELEMENTS.map((name, i) => [name, i]),
);

/** Table parts that close an open cell or caption when they start (§13.2.6.4.15). */
export const TABLE_PARTS = set("caption col colgroup tbody td tfoot th thead tr");

/** HTML elements that have no end tag. */
export const VOID_ELEMENTS = set(
  "area base basefont bgsound br col embed frame hr image img input keygen link meta param source track wbr",
);

/** Start tags allowed inside <select> that the tree model understands. */
export const SELECT_CONTENT = set("option optgroup hr script");
/** Start tags that close an open <select> and are then processed normally. */
export const SELECT_CLOSERS = set("input keygen textarea");
