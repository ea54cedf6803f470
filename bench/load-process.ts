/**
 * Child process entry of the load generator: runs autocannon against one URL per
 * `run` message and answers with the figures, so that load and server never share an
 * event loop. Usage: forked by `startLoadProcess()`, never run by hand.
 */

import autocannon from "autocannon";

export interface LoadRun {
  type: "run";
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
}

export interface LoadResult {
  type: "result";
  requestsPerSecond: number;
  requests: number;
  latencyP50: number;
  latencyP99: number;
  bytesPerSecond: number;
  errors: number;
  non2xx: number;
}

async function run(message: LoadRun): Promise<LoadResult> {
  const result = await autocannon({
    url: message.url,
    connections: message.connections,
    duration: message.seconds,
    headers: message.headers ?? {},
  });
  const seconds = result.duration > 0 ? result.duration : message.seconds;
  return {
    type: "result",
    requestsPerSecond: result.requests.total / seconds,
    requests: result.requests.total,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    bytesPerSecond: result.throughput.total / seconds,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

process.on("message", (message: LoadRun) => {
  run(message).then(
    (result) => process.send?.(result),
    (err: unknown) => process.send?.({ type: "error", message: String(err) }),
  );
});
process.on("disconnect", () => process.exit(0));
process.send?.({ type: "ready" });
