/**
 * Exit codes of every `dnma-tag` subcommand, for scripts and CI.
 * Usage: `process.exitCode = EXIT.checkFailed`.
 */

/** 0 done or valid, 1 a check failed (invalid plan, non-conformant page, changes), 2 bad usage or unreadable input. */
export const EXIT = { ok: 0, checkFailed: 1, usage: 2 } as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
