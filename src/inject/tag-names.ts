/**
 * Tag names the tree model cares about, as small integer ids with bit flags, so that
 * the scanner can name a tag without building a string and the model can pass over
 * the common tags (div, span, li...) with one array read.
 * Usage: `const id = findTagId(bytes, length, hash); if (TAG_FLAGS[id] & Flag.Table) …`.
 */

/** The formatting elements whose reconstruction can create elements later (§13.2.4.3). */
export const FORMATTING_ELEMENTS = [
  "a",
  "b",
  "big",
  "code",
  "em",
  "font",
  "i",
  "nobr",
  "s",
  "small",
  "strike",
  "strong",
  "tt",
  "u",
] as const;

export enum Flag {
  /** May change the model's state when it starts (ends) in <body>, outside foreign content and <select>. */
  BodyStart = 1 << 0,
  BodyEnd = 1 << 1,
  /** Its attributes are read (script src, font presentation, annotation-xml encoding). */
  Attributes = 1 << 2,
  /** One of FORMATTING_ELEMENTS; FORMATTING_SLOT gives which. */
  Formatting = 1 << 3,
}

/** Names the model tests for, in any context; any other name is id 0. */
const KNOWN_NAMES = [
  "html",
  "head",
  "body",
  "frameset",
  "frame",
  "plaintext",
  "template",
  "table",
  "caption",
  "colgroup",
  "col",
  "tbody",
  "thead",
  "tfoot",
  "tr",
  "td",
  "th",
  "select",
  "option",
  "optgroup",
  "svg",
  "math",
  "script",
  "style",
  "title",
  "textarea",
  "xmp",
  "iframe",
  "noembed",
  "noframes",
  "noscript",
  "base",
  "basefont",
  "bgsound",
  "link",
  "meta",
  "applet",
  "marquee",
  "object",
  "annotation-xml",
  "mi",
  "mo",
  "mn",
  "ms",
  "mtext",
  "mglyph",
  "malignmark",
  "foreignobject",
  "desc",
  "br",
  "p",
  "area",
  "embed",
  "hr",
  "image",
  "img",
  "input",
  "keygen",
  "param",
  "source",
  "track",
  "wbr",
  "blockquote",
  "center",
  "dd",
  "div",
  "dl",
  "dt",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "listing",
  "menu",
  "ol",
  "pre",
  "ruby",
  "span",
  "sub",
  "sup",
  "ul",
  "var",
  ...FORMATTING_ELEMENTS,
];

const BODY_START = new Set([
  "frameset",
  "plaintext",
  "template",
  "table",
  "caption",
  "colgroup",
  "col",
  "tbody",
  "thead",
  "tfoot",
  "tr",
  "td",
  "th",
  "select",
  "svg",
  "math",
  "script",
  "style",
  "title",
  "textarea",
  "xmp",
  "iframe",
  "noembed",
  "noframes",
  "noscript",
  "applet",
  "marquee",
  "object",
  ...FORMATTING_ELEMENTS,
]);
const BODY_END = new Set([
  "body",
  "html",
  "template",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "td",
  "th",
  "tr",
  "caption",
  "select",
  "applet",
  "marquee",
  "object",
  ...FORMATTING_ELEMENTS,
]);
const WITH_ATTRIBUTES = new Set(["script", "font", "annotation-xml"]);

export const TAG_NAMES: readonly string[] = ["", ...new Set(KNOWN_NAMES)];

/** Flags of each id; id 0 (an unknown name) has none. */
export const TAG_FLAGS: Uint8Array = Uint8Array.from(TAG_NAMES, (name) => {
  let flags = 0;
  if (BODY_START.has(name)) flags |= Flag.BodyStart;
  if (BODY_END.has(name)) flags |= Flag.BodyEnd;
  if (WITH_ATTRIBUTES.has(name)) flags |= Flag.Attributes;
  if ((FORMATTING_ELEMENTS as readonly string[]).includes(name)) flags |= Flag.Formatting;
  return flags;
});

/** Index in FORMATTING_ELEMENTS of each id (-1 when not one). */
export const FORMATTING_SLOT: Int8Array = Int8Array.from(TAG_NAMES, (name) =>
  (FORMATTING_ELEMENTS as readonly string[]).indexOf(name),
);

/** The hash the scanner computes as it reads a lower-cased name, byte by byte. */
export function hashNameByte(hash: number, byte: number): number {
  return Math.imul(hash ^ byte, 16777619);
}

export const NAME_HASH_SEED = 0x811c9dc5 | 0;

/** Open-addressing table from name hash to id (0: empty slot). */
const SLOTS = 1024;
const SLOT_HASHES = new Int32Array(SLOTS);
const SLOT_IDS = new Uint8Array(SLOTS);
for (const [id, name] of TAG_NAMES.entries()) {
  if (id === 0) continue;
  let hash = NAME_HASH_SEED;
  for (let index = 0; index < name.length; index++)
    hash = hashNameByte(hash, name.charCodeAt(index));
  let slot = hash & (SLOTS - 1);
  while (SLOT_IDS[slot] !== 0) slot = (slot + 1) & (SLOTS - 1);
  SLOT_HASHES[slot] = hash;
  SLOT_IDS[slot] = id;
}

/** The id of the lower-cased name in `bytes[0..length)`, or 0 when it is no known name. */
export function findTagId(bytes: Uint8Array, length: number, hash: number): number {
  let slot = hash & (SLOTS - 1);
  while (SLOT_IDS[slot] !== 0 && SLOT_HASHES[slot] !== hash) slot = (slot + 1) & (SLOTS - 1);
  const id = SLOT_IDS[slot] as number;
  if (id === 0) return 0;

  const name = TAG_NAMES[id] as string;
  if (name.length !== length) return 0;
  for (let index = 0; index < length; index++)
    if (name.charCodeAt(index) !== bytes[index]) return 0;
  return id;
}
