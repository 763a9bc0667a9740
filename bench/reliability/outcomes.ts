/** How the requests of one run ended, as the requester counts them. */

/** Counts of one run's requests, from the requester's side. */
export interface Outcomes {
  /** Answered with the right response. */
  resolved: number;
  /** Rejected, by Parley error code (`other` for an error that is not a ParleyError). */
  rejected: Record<string, number>;
  /** Neither resolved nor rejected within the request timeout plus the margin. */
  hung: number;
  /** Resolved with a response to another request (the wrong `n`). */
  wrongAnswers: number;
  /** Longest wait from sending to a rejection, in ms (what a failure costs a caller). */
  slowestRejectionMs: number;
}

export function emptyOutcomes(): Outcomes {
  return { resolved: 0, rejected: {}, hung: 0, wrongAnswers: 0, slowestRejectionMs: 0 };
}

/** Requests that settled one way or another (or hung). */
export function settledCount(outcomes: Outcomes): number {
  const rejected = Object.values(outcomes.rejected).reduce((sum, n) => sum + n, 0);
  return outcomes.resolved + rejected + outcomes.hung + outcomes.wrongAnswers;
}
