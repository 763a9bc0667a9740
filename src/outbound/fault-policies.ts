/**
 * The fault policies' options, their defaults and their resolvers: retries for idempotent
 * requests ({@link RetryOptions}, declared beside the request options) and a circuit breaker
 * per target agent ({@link CircuitBreakerOptions}).
 */
import { ErrorCode } from "../errors/parley-error.js";
import type { RetryOptions } from "../inbound/handler-context.js";

export const DEFAULT_RETRY_ATTEMPTS = 3;
export const DEFAULT_RETRY_INITIAL_DELAY_MS = 100;
export const DEFAULT_RETRY_MAX_DELAY_MS = 2000;
/** Codes that may succeed on a later attempt (or, for a breaker, say the target is unwell). */
export const DEFAULT_RETRY_ON: readonly string[] = [
  ErrorCode.timeout,
  ErrorCode.unavailable,
  ErrorCode.overloaded,
];
export const DEFAULT_CIRCUIT_FAILURE_THRESHOLD = 5;
export const DEFAULT_CIRCUIT_OPEN_MS = 30_000;
export const DEFAULT_CIRCUIT_WINDOW = 20;

/** A circuit breaker per target agent: see docs/interceptors.md. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open a target's circuit. @default 5 */
  readonly failureThreshold?: number;
  /**
   * Also open when at least this share (0 to 1) of the target's last `window` calls failed (once
   * `window` calls were made). @default none (only consecutive failures count)
   */
  readonly failureRate?: number;
  /** Calls the failure rate is measured over. @default 20 */
  readonly window?: number;
  /** How long an open circuit fails calls at once before it lets one probe through. @default 30000 */
  readonly openMs?: number;
  /** Error codes that count as the target failing. @default ["timeout", "unavailable", "overloaded"] */
  readonly failureCodes?: readonly string[];
}

/** Retry options with their defaults. */
export interface ResolvedRetryOptions {
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly attemptTimeoutMs: number | undefined;
  readonly retryOn: ReadonlySet<string>;
}

/** Circuit breaker options with their defaults. */
export interface ResolvedCircuitBreakerOptions {
  readonly failureThreshold: number;
  readonly failureRate: number | undefined;
  readonly window: number;
  readonly openMs: number;
  readonly failureCodes: ReadonlySet<string>;
}

function atLeast(name: string, value: number, min: number): number {
  if (!Number.isFinite(value) || value < min)
    throw new TypeError(`${name} must be a finite number >= ${min}, got ${value}`);
  return value;
}

export function resolveRetryOptions(options: RetryOptions): ResolvedRetryOptions {
  const attempts = atLeast("retry.attempts", options.attempts ?? DEFAULT_RETRY_ATTEMPTS, 1);
  if (!Number.isInteger(attempts))
    throw new TypeError(`retry.attempts must be an integer, got ${attempts}`);
  const initialDelayMs = atLeast(
    "retry.initialDelayMs",
    options.initialDelayMs ?? DEFAULT_RETRY_INITIAL_DELAY_MS,
    0,
  );
  return {
    attempts,
    initialDelayMs,
    maxDelayMs: atLeast(
      "retry.maxDelayMs",
      options.maxDelayMs ?? Math.max(DEFAULT_RETRY_MAX_DELAY_MS, initialDelayMs),
      initialDelayMs,
    ),
    attemptTimeoutMs:
      options.attemptTimeoutMs === undefined
        ? undefined
        : atLeast("retry.attemptTimeoutMs", options.attemptTimeoutMs, 1),
    retryOn: new Set(options.retryOn ?? DEFAULT_RETRY_ON),
  };
}

export function resolveCircuitBreakerOptions(
  options: CircuitBreakerOptions,
): ResolvedCircuitBreakerOptions {
  const failureRate = options.failureRate;
  if (failureRate !== undefined && !(failureRate > 0 && failureRate <= 1))
    throw new TypeError(`circuitBreaker.failureRate must be in (0, 1], got ${failureRate}`);
  return {
    failureThreshold: atLeast(
      "circuitBreaker.failureThreshold",
      options.failureThreshold ?? DEFAULT_CIRCUIT_FAILURE_THRESHOLD,
      1,
    ),
    failureRate,
    window: atLeast("circuitBreaker.window", options.window ?? DEFAULT_CIRCUIT_WINDOW, 1),
    openMs: atLeast("circuitBreaker.openMs", options.openMs ?? DEFAULT_CIRCUIT_OPEN_MS, 0),
    failureCodes: new Set(options.failureCodes ?? DEFAULT_RETRY_ON),
  };
}

/**
 * The delay before attempt `attempt + 1`: exponential from `initialDelayMs`, capped, with full
 * jitter (a random share of it, so callers that failed together do not retry together).
 */
export function backoffDelay(retry: ResolvedRetryOptions, attempt: number): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** (attempt - 1));
  return Math.random() * ceiling;
}
