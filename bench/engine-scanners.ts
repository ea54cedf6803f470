/**
 * The four ways of going over the same page bytes that the engine benchmark compares,
 * each as a function that consumes one whole document given as chunks:
 * the dnma-tag injector, Buffer.indexOf for `</body>`, the htmlparser2 Tokenizer and the
 * parse5 Tokenizer, the last two with callbacks that do nothing.
 * Usage: `const run = ENGINE_VARIANTS.injector.prepare(chunks, snippets); run()`.
 */

import { Tokenizer as Htmlparser2Tokenizer } from "htmlparser2";
import { Tokenizer as Parse5Tokenizer, type TokenHandler } from "parse5";
import { HtmlInjector } from "../src/inject/injector.js";
import type { Snippets } from "./bench-user.js";

/** Consumes the document once; returns a number so that the work cannot be optimised away. */
export type DocumentPass = () => number;

export interface EngineVariant {
  label: string;
  /** Builds a pass over `chunks`; any decoding to strings is done here, outside the timing. */
  prepare(chunks: readonly Buffer[], snippets: Snippets): DocumentPass;
}

function ignore(): void {}

const HTMLPARSER2_CALLBACKS = {
  onattribdata: ignore,
  onattribentity: ignore,
  onattribend: ignore,
  onattribname: ignore,
  oncdata: ignore,
  onclosetag: ignore,
  oncomment: ignore,
  ondeclaration: ignore,
  onend: ignore,
  onopentagend: ignore,
  onopentagname: ignore,
  onprocessinginstruction: ignore,
  onselfclosingtag: ignore,
  ontext: ignore,
  ontextentity: ignore,
};

const PARSE5_HANDLER: TokenHandler = {
  onComment: ignore,
  onDoctype: ignore,
  onStartTag: ignore,
  onEndTag: ignore,
  onEof: ignore,
  onCharacter: ignore,
  onNullCharacter: ignore,
  onWhitespaceCharacter: ignore,
};

/** Decodes chunks to strings the way a streaming decoder would, split where the bytes are. */
function decodeChunks(chunks: readonly Buffer[]): string[] {
  const decoder = new TextDecoder("utf-8");
  return chunks.map((chunk, index) => decoder.decode(chunk, { stream: index < chunks.length - 1 }));
}

export const ENGINE_VARIANTS = {
  injector: {
    label: "dnma-tag HtmlInjector (write/end)",
    prepare: (chunks, snippets) => () => {
      const injector = new HtmlInjector(snippets);
      let pieces = 0;
      for (const chunk of chunks) pieces += injector.write(chunk).length;
      pieces += injector.end().length;
      if (injector.result.status !== "tagged")
        throw new Error(
          `the injector left the page ${injector.result.status}: ${injector.result.reason}`,
        );
      return pieces;
    },
  },
  indexOf: {
    label: 'Buffer.indexOf("</body>") per chunk',
    prepare: (chunks) => {
      const needle = Buffer.from("</body>");
      return () => {
        let found = 0;
        for (const chunk of chunks) found += chunk.indexOf(needle);
        return found;
      };
    },
  },
  htmlparser2: {
    label: "htmlparser2 Tokenizer, no-op callbacks",
    prepare: (chunks) => {
      const strings = decodeChunks(chunks);
      return () => {
        const tokenizer = new Htmlparser2Tokenizer({}, HTMLPARSER2_CALLBACKS);
        for (const text of strings) tokenizer.write(text);
        tokenizer.end();
        return strings.length;
      };
    },
  },
  parse5: {
    label: "parse5 Tokenizer, no-op handler",
    prepare: (chunks) => {
      const strings = decodeChunks(chunks);
      return () => {
        const tokenizer = new Parse5Tokenizer({ sourceCodeLocationInfo: false }, PARSE5_HANDLER);
        for (const [index, text] of strings.entries())
          tokenizer.write(text, index === strings.length - 1);
        return strings.length;
      };
    },
  },
} satisfies Record<string, EngineVariant>;

export type EngineVariantId = keyof typeof ENGINE_VARIANTS;
