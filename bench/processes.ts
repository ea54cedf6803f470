/**
 * Starting and stopping the harness's own child processes (servers, load generator,
 * engine runs), each under tsx, and talking to them by IPC messages.
 * Usage: `const server = await startServerProcess({ kind: "upstream" }); await server.stop()`.
 */

import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { PROJECT_ROOT } from "./bench-user.js";
import type { LoadResult, LoadRun } from "./load-process.js";
import type { ServerConfig } from "./servers.js";

const BENCH_DIR = join(PROJECT_ROOT, "bench");
const started = new Set<ChildProcess>();

export interface Child {
  readonly pid: number;
  readonly process: ChildProcess;
  /** The next message of this type. */
  next<T>(type: string, timeoutMs?: number): Promise<T>;
  send(message: object): void;
  stop(): Promise<void>;
}

export interface ServerProcess extends Child {
  readonly port: number;
  readonly url: string;
}

/** Forks a bench script under tsx; the child is ended when the harness exits. */
export function forkChild(script: string, args: string[] = [], execArgv: string[] = []): Child {
  const child = fork(join(BENCH_DIR, script), args, {
    cwd: PROJECT_ROOT,
    execArgv: ["--import", "tsx", ...execArgv],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  started.add(child);
  child.once("exit", () => started.delete(child));
  return {
    pid: child.pid as number,
    process: child,
    next: (type, timeoutMs = 120_000) => nextMessage(child, type, timeoutMs),
    send: (message) => child.send(message),
    stop: () => stopChild(child),
  };
}

function nextMessage<T>(child: ChildProcess, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => settle(new Error(`no "${type}" message from ${child.pid} in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message: { type?: string; message?: string }) => {
      if (message.type === type) settle(undefined, message);
      else if (message.type === "error") settle(new Error(message.message));
    };
    const onExit = (code: number | null, signal: string | null) =>
      settle(new Error(`process ${child.pid} exited (${code ?? signal}) before "${type}"`));
    function settle(err: Error | undefined, message?: unknown): void {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (err) reject(err);
      else resolve(message as T);
    }
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

/** Starts one server under test and waits until it listens. */
export async function startServerProcess(
  config: ServerConfig,
  execArgv: string[] = [],
): Promise<ServerProcess> {
  const child = forkChild(
    "server-process.ts",
    [JSON.stringify(config)],
    ["--expose-gc", ...execArgv],
  );
  const { port } = await child.next<{ port: number }>("ready", 60_000);
  return { ...child, port, url: `http://127.0.0.1:${port}` };
}

export type LoadProcess = Child & { run(run: Omit<LoadRun, "type">): Promise<LoadResult> };

/** Starts the load generator; `run()` sends one autocannon run to it. */
export async function startLoadProcess(): Promise<LoadProcess> {
  const child = forkChild("load-process.ts");
  await child.next("ready", 60_000);
  return {
    ...child,
    async run(run) {
      child.send({ type: "run", ...run });
      return child.next<LoadResult>("result", (run.seconds + 60) * 1000);
    },
  };
}

/** Ends every child still running (on the harness's exit, normal or not). */
export function stopAllChildren(): void {
  for (const child of started) child.kill("SIGKILL");
}
process.on("exit", stopAllChildren);
