/**
 * Reads the html5lib tree-construction corpus (`../shared/corpus/`): each `#data`
 * section of each `.dat` file, skipping fragment cases.
 */

import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";

export const CORPUS_DIR = resolve(
  import.meta.dirname,
  "../../../shared/corpus/html5lib-tree-construction",
);

export interface CorpusDocument {
  id: string;
  data: string;
}

/** Every non-fragment document of the corpus, `file#index` as id. */
export function readCorpus(dir = CORPUS_DIR): CorpusDocument[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".dat"))
    .sort();
  return files.flatMap((file) => readDatFile(join(dir, file), file));
}

function readDatFile(path: string, name: string): CorpusDocument[] {
  const text = readFileSync(path, "utf8");
  const tests = text.split(/^#data\n/m).slice(1);

  return tests.flatMap((test, index) => {
    const lines = test.split("\n");
    const end = lines.indexOf("#errors");
    const isFragment = lines.some((line) => line === "#document-fragment");
    if (end < 0 || isFragment) return [];
    return [{ id: `${name}#${index}`, data: lines.slice(0, end).join("\n") }];
  });
}
