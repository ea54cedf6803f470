/**
 * A progress bar on a terminal: drawn only when the stream is a TTY (never in pipes,
 * files or CI logs), redrawn at most every 100 ms, erased when done.
 * Usage: `const bar = createProgressBar(process.stderr, totalBytes); bar.update(bytes, lines)`.
 */

export interface ProgressBar {
  update(bytesDone: number, lines: number): void;
  done(): void;
}

interface TerminalLike {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const REDRAW_MS = 100;
const BAR_WIDTH = 30;

/** A bar for `totalBytes`; a no-op unless `stream.isTTY`. */
export function createProgressBar(
  stream: TerminalLike,
  totalBytes: number,
  now = () => Date.now(),
): ProgressBar {
  if (!stream.isTTY) return { update() {}, done() {} };

  let lastDraw = 0;
  let isDrawn = false;
  return {
    update(bytesDone, lines) {
      const time = now();
      if (time - lastDraw < REDRAW_MS) return;
      lastDraw = time;
      isDrawn = true;
      stream.write(`\r${renderBar(bytesDone, totalBytes, lines)}`);
    },
    done() {
      if (isDrawn) stream.write(`\r${" ".repeat(Math.min(stream.columns ?? 80, 79))}\r`);
    },
  };
}

/** `[#######.......]  45%  120000 lines` */
export function renderBar(bytesDone: number, totalBytes: number, lines: number): string {
  const ratio = totalBytes > 0 ? Math.min(1, bytesDone / totalBytes) : 0;
  const filled = Math.round(ratio * BAR_WIDTH);
  const bar = `${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}`;
  return `[${bar}] ${String(Math.round(ratio * 100)).padStart(3)}%  ${lines} lines`;
}
