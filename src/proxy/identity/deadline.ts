/**
 * Waiting for an identity lookup with a deadline counted from the request's arrival.
 * Usage: `const outcome = await resolveWithDeadline(lookup, deadline, record)`.
 */

import type { IdentityLookup, IdentityOutcome, RecordLookup } from "./types.js";

/**
 * The lookup's outcome, or a timeout once the deadline (counted from the request)
 * passes; whichever comes first is counted, once.
 */
export function resolveWithDeadline(
  lookup: IdentityLookup,
  deadline: number,
  record: RecordLookup,
): Promise<IdentityOutcome> {
  return new Promise((resolve) => {
    let isSettled = false;
    const settle = (outcome: IdentityOutcome) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      record(outcome.result);
      resolve(outcome);
    };
    const timer = setTimeout(
      () => settle({ user: undefined, result: "timeout" }),
      Math.max(0, deadline - Date.now()),
    );
    lookup.resolve().then(settle, () => settle({ user: undefined, result: "error" }));
  });
}
