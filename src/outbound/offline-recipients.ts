/**
 * Failing the requests an agent's going offline dooms. A request waits on its recipient: once
 * the recipient is gone (its Last Will, its goodbye, its missed heartbeats) no answer will come,
 * so the caller hears `unavailable` soon instead of at its deadline, and an idempotent delegation
 * moves on to another agent. "Soon": a connection blip also fires the Last Will, and the agent,
 * back a moment later, still answers what its handlers were running; so unless it said goodbye,
 * its requests fail only if it is still offline after a grace period. They keep waiting where
 * they can still be answered: the broker holds them for the agent's return (its card says so,
 * and ours went at QoS 1 or more), or a pool still has a member online.
 *
 * A restart is a crash the grace cannot see: a supervisor brings the process back within it, so
 * the agent is online again when the grace ends, but the new process knows nothing of what the
 * old one was asked. Its card's new instance id tells; its requests then fail at once.
 */
import type { QoS } from "../../transports/transport.js";
import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import type { AgentInfo, DirectoryView } from "../presence/directory.js";
import type { PendingRequest } from "./pending-requests.js";

/** What {@link OfflineRecipients} needs to know and do. */
export interface OfflineRecipientsHooks {
  readonly directory: DirectoryView;
  /** Milliseconds a silent agent gets to come back. */
  readonly graceMs: number;
  /** The QoS our requests are published at (0: the broker holds none for an absent agent). */
  readonly requestQoS: QoS;
  /** True while any request is pending (nothing to fail otherwise). */
  hasPending(): boolean;
  /** Rejects the pending requests `which` picks, each with its error; returns how many. */
  rejectWhere(
    which: (request: PendingRequest) => boolean,
    error: (request: PendingRequest) => ParleyError,
  ): number;
}

export class OfflineRecipients {
  readonly #hooks: OfflineRecipientsHooks;
  /** Agents gone silent, until their grace runs out. */
  readonly #grace = new Map<string, ReturnType<typeof setTimeout>>();
  #failed = 0;

  constructor(hooks: OfflineRecipientsHooks) {
    this.#hooks = hooks;
  }

  /** Requests failed because their recipient went offline or restarted. */
  get failed(): number {
    return this.#failed;
  }

  /** `gone` was marked offline. */
  wentOffline(gone: AgentInfo): void {
    const { graceMs, hasPending } = this.#hooks;
    if (!hasPending() || this.#grace.has(gone.id)) return;
    if (gone.offlineReason === "departed" || graceMs === 0) {
      this.#failFor(gone);
      return;
    }
    const timer = setTimeout(() => {
      this.#grace.delete(gone.id);
      // Still gone? (Evicted from a full directory counts as gone.)
      const now = this.#hooks.directory.get(gone.id) ?? gone;
      if (now.status === "offline") this.#failFor(now);
    }, graceMs);
    this.#grace.set(gone.id, timer);
  }

  /**
   * `agent` came back as a new process (instance `agent.instanceId`, was `previousInstanceId`):
   * the requests pending to it went to the old one.
   */
  restarted(agent: AgentInfo, previousInstanceId: string): void {
    clearTimeout(this.#grace.get(agent.id));
    this.#grace.delete(agent.id);
    if (!this.#hooks.hasPending()) return;
    this.#fail(agent, (to, requestType) =>
      restartedError(agent, previousInstanceId, to, requestType),
    );
  }

  /** Stops every grace timer (on close). */
  stop(): void {
    for (const timer of this.#grace.values()) clearTimeout(timer);
    this.#grace.clear();
  }

  #failFor(gone: AgentInfo): void {
    this.#fail(gone, (to, requestType) => recipientOfflineError(gone, to, requestType));
  }

  /** Fails what was pending to `gone`, and to its pools no other online member serves. */
  #fail(gone: AgentInfo, error: (to: string, requestType: string) => ParleyError): void {
    const { directory, requestQoS, rejectWhere } = this.#hooks;
    if (gone.requestsSurviveAbsence && requestQoS > 0) return;
    const doomed = new Set([gone.id]);
    const others = directory.online().filter((agent) => agent.id !== gone.id);
    const served = new Set(others.flatMap((agent) => agent.pools));
    for (const pool of gone.pools) if (!served.has(pool)) doomed.add(pool);
    this.#failed += rejectWhere(
      (r) => doomed.has(r.to),
      (r) => error(r.to, r.requestType),
    );
  }
}

/** The rejection of a request whose recipient (or whose pool's last member) went offline. */
function recipientOfflineError(gone: AgentInfo, to: string, requestType: string): ParleyError {
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

/** The rejection of a request whose recipient (or a pool's last member) restarted meanwhile. */
function restartedError(
  agent: AgentInfo,
  previousInstanceId: string,
  to: string,
  requestType: string,
): ParleyError {
  const who =
    to === agent.id ? `"${to}"` : `the only online member of pool "${to}" ("${agent.id}")`;
  return new ParleyError(
    ErrorCode.unavailable,
    `${who} restarted (a new process) while request "${requestType}" to it was pending`,
    {
      details: {
        to,
        request_type: requestType,
        agent: agent.id,
        restarted: true,
        previous_instance: previousInstanceId,
        instance: agent.instanceId ?? null,
      },
    },
  );
}
