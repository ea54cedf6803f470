/**
 * Turns file system errors met while reading command inputs (logs, lists) into
 * DnmaErrors, so that they exit with code 2 and one clear line, not a stack trace.
 * Usage: `await readingInputs("access log", () => measureCoverage(plan, files))`.
 */

import { DnmaError } from "../errors.js";

/** Runs `read`; a file system or gzip error becomes OPTION_INVALID "cannot read WHAT: ...". */
export async function readingInputs<T>(what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof DnmaError || !isInputError(err)) throw err;
    throw new DnmaError("OPTION_INVALID", `cannot read ${what}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

function isInputError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return typeof code === "string" && (code.startsWith("E") || code.startsWith("Z_"));
}
