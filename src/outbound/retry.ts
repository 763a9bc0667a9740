/**
 * Retries of one idempotent request: which options each attempt goes with (its share of the
 * caller's deadline; the recipient's `expires_at` stays the caller's), and whether, after a
 * failure, another attempt may go and when: only on codes that may succeed later, after an
 * exponential backoff with jitter, and never when it would start past the caller's deadline.
 */
import type { ResolvedAgentOptions } from "../agent/resolved-options.js";
import { ErrorCode, isParleyError, ParleyError } from "../errors/parley-error.js";
import type { RequestOptions } from "../inbound/handler-context.js";
import { backoffDelay, type ResolvedRetryOptions, resolveRetryOptions } from "./fault-policies.js";

/** How one request is attempted. */
export interface RetryPlan {
  /** Undefined: one attempt only. */
  readonly retry: ResolvedRetryOptions | undefined;
  /** The caller's deadline, epoch ms. */
  readonly deadline: number;
  /** The options attempt `attempt` is sent with. */
  optionsFor(attempt: number): RequestOptions;
}

/** True when a request of this type may run twice: its options say so, else its contract. */
export function isIdempotent(
  agent: Pick<ResolvedAgentOptions, "contracts">,
  type: string,
  options: RequestOptions,
): boolean {
  return options.idempotent ?? agent.contracts?.requests[type]?.idempotent === true;
}

export function retryPlan(
  agent: ResolvedAgentOptions,
  type: string,
  options: RequestOptions,
): RetryPlan {
  const deadline = Date.now() + (options.timeout ?? agent.defaultTimeoutMs);
  const retry =
    options.retry === false || !isIdempotent(agent, type, options)
      ? undefined
      : options.retry === undefined
        ? agent.retry
        : resolveRetryOptions(options.retry);
  if (retry === undefined || retry.attempts === 1)
    return { retry: undefined, deadline, optionsFor: () => options };
  const expiresAt = options.expiresAt ?? new Date(deadline);
  return {
    retry,
    deadline,
    optionsFor() {
      const left = Math.max(0, deadline - Date.now());
      const timeout =
        retry.attemptTimeoutMs === undefined ? left : Math.min(retry.attemptTimeoutMs, left);
      return { ...options, timeout, expiresAt };
    },
  };
}

/**
 * After attempt `attempt` failed with `error`: false when no other attempt may go; otherwise
 * waits the backoff and resolves true (false when the deadline passed meanwhile). Rejects `cancelled` when the caller aborts meanwhile.
 */
/** The least time an attempt must have before the deadline to be worth sending at all. */
const MIN_ATTEMPT_MS = 5;

export async function waitBeforeRetry(
  plan: RetryPlan,
  attempt: number,
  error: unknown,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  const { retry } = plan;
  if (retry === undefined || attempt >= retry.attempts) return false;
  if (!isParleyError(error) || !retry.retryOn.has(error.code)) return false;
  const delay = backoffDelay(retry, attempt);
  if (Date.now() + delay + MIN_ATTEMPT_MS > plan.deadline || signal?.aborted) return false;
  await new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(
        new ParleyError(ErrorCode.cancelled, "the request was aborted between attempts", {
          cause: signal?.reason,
          details: { attempts: attempt },
        }),
      );
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, delay);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  // A timer may fire late on a busy machine: no attempt starts at or past the deadline all the
  // same, nor one left too little time to be answered.
  return plan.deadline - Date.now() >= MIN_ATTEMPT_MS;
}
