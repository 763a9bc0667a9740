/** The counters an agent keeps for monitoring, as `agent.stats()` reports them. */

/** Counters for monitoring. */
export interface AgentStats {
  readonly pendingRequests: number;
  /** Requests being handled or waiting for a handler, relative to concurrency. */
  readonly load: number;
  /** Requests waiting for a handler (beyond `concurrency`), the backlog `maxQueue` bounds. */
  readonly queuedRequests: number;
  /** Messages refused (malformed, oversized, expired, spoofed, ...). */
  readonly rejected: number;
  /** Responses that arrived when no request was waiting for them. */
  readonly lateResponses: number;
  /** Pending requests published again after a reconnect. */
  readonly resentRequests: number;
  /** Pending requests failed with `unavailable` because their recipient went offline or restarted. */
  readonly offlineFailures: number;
}
