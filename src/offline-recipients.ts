/**
 * Which pending requests an agent's going offline dooms. A request waits on its recipient: once
 * the recipient is gone (its Last Will, its goodbye, its missed heartbeats) no answer will come,
 * so the caller hears `unavailable` at once instead of at its deadline, and an idempotent
 * delegation moves on to another agent. Two cases keep waiting: the broker holds requests for the
 * agent's return (its card says so, and ours were sent at QoS 1 or more), and a pool that still
 * has members online.
 */
import type { QoS } from "../transports/transport.js";
import type { AgentInfo, DirectoryView } from "./directory.js";
import { ErrorCode, ParleyError } from "./errors.js";

/**
 * The recipient addresses (the agent's id, and each pool of which it was the last member online)
 * whose pending requests fail now that `gone` is offline; empty when they keep waiting.
 */
export function doomedRecipients(
  gone: AgentInfo,
  directory: DirectoryView,
  requestQoS: QoS,
): Set<string> {
  if (gone.requestsSurviveAbsence && requestQoS > 0) return new Set();
  const doomed = new Set([gone.id]);
  if (gone.pools.length === 0) return doomed;
  const served = new Set(directory.online().flatMap((agent) => agent.pools));
  for (const pool of gone.pools) if (!served.has(pool)) doomed.add(pool);
  return doomed;
}

/** The rejection of a request whose recipient (or whose pool's last member) went offline. */
export function recipientOfflineError(
  gone: AgentInfo,
  to: string,
  requestType: string,
): ParleyError {
  const who = to === gone.id ? `"${to}"` : `the last member of pool "${to}" ("${gone.id}")`;
  return new ParleyError(
    ErrorCode.unavailable,
    `${who} went offline (${gone.offlineReason ?? "offline"}) while request "${requestType}" to it was pending`,
    {
      details: {
        to,
        request_type: requestType,
        agent: gone.id,
        offline: true,
        reason: gone.offlineReason ?? null,
      },
    },
  );
}
