/**
 * The last decisions taken, for the admin page: path, rule, SERVICE and outcome only,
 * never a user id or a query string. Usage: `log.add(decision); log.list()`.
 */

export interface DecisionRecord {
  time: string;
  method: string;
  path: string;
  outcome: "tagged" | "skipped" | "loader-only";
  reason: string | undefined;
  rule: string | undefined;
  service: string | undefined;
}

export class DecisionLog {
  private readonly records: DecisionRecord[] = [];

  constructor(private readonly capacity = 100) {}

  add(record: DecisionRecord): void {
    this.records.push(record);
    if (this.records.length > this.capacity) this.records.shift();
  }

  /** Newest first. */
  list(): DecisionRecord[] {
    return [...this.records].reverse();
  }
}
