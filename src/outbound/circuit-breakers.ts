/**
 * A circuit breaker per target agent. Closed, calls go; after `failureThreshold` failures in a
 * row (or a failure rate over the last `window` calls) it opens: calls fail at once with
 * `circuit_open` instead of each waiting for its timeout. After `openMs` it is half-open: one
 * probe goes; its success closes the circuit, its failure opens it again. Only codes in
 * `failureCodes` count against a target; any other answer shows it is alive.
 */
import { ErrorCode, isParleyError, ParleyError } from "../errors/parley-error.js";
import type { ResolvedCircuitBreakerOptions } from "./fault-policies.js";

/** Where one target's circuit is. */
export const CircuitState = { closed: "closed", open: "open", halfOpen: "half_open" } as const;
export type CircuitState = (typeof CircuitState)[keyof typeof CircuitState];

/** The `circuit:change` event: a target's circuit changed state. */
export interface CircuitChange {
  readonly agent: string;
  readonly state: CircuitState;
}

/** Targets tracked at most; beyond it, closed circuits are forgotten first. */
const MAX_CIRCUITS = 10_000;

interface Circuit {
  state: CircuitState;
  /** Failures in a row. */
  failures: number;
  /** The last outcomes (true: failed), for the failure rate. */
  readonly outcomes: boolean[];
  /** A half-open circuit's probe is out. */
  probing: boolean;
  /** When an open circuit lets a probe through (epoch ms). */
  probeAt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class CircuitBreakers {
  readonly #options: ResolvedCircuitBreakerOptions;
  readonly #onChange: (change: CircuitChange) => void;
  readonly #circuits = new Map<string, Circuit>();

  constructor(options: ResolvedCircuitBreakerOptions, onChange: (change: CircuitChange) => void) {
    this.#options = options;
    this.#onChange = onChange;
  }

  /** The state of `agent`'s circuit. */
  state(agent: string): CircuitState {
    return this.#circuits.get(agent)?.state ?? CircuitState.closed;
  }

  /** True when a call to `agent` would be refused now (open, or half-open with its probe out). */
  refuses(agent: string): boolean {
    const circuit = this.#circuits.get(agent);
    return (
      circuit !== undefined &&
      (circuit.state === CircuitState.open ||
        (circuit.state === CircuitState.halfOpen && circuit.probing))
    );
  }

  /** Undefined when a call to `agent` may go now (a half-open circuit's probe), else why not. */
  admit(agent: string): ParleyError | undefined {
    const circuit = this.#circuits.get(agent);
    if (circuit === undefined || circuit.state === CircuitState.closed) return undefined;
    if (circuit.state === CircuitState.halfOpen && !circuit.probing) {
      circuit.probing = true;
      return undefined;
    }
    return this.refusal(agent);
  }

  /** The `circuit_open` error for a call to `agent` (whose circuit is not closed). */
  refusal(agent: string): ParleyError {
    const circuit = this.#circuits.get(agent);
    const retryAfterMs = Math.max(0, (circuit?.probeAt ?? 0) - Date.now());
    const when =
      circuit?.state === CircuitState.open
        ? `for ${retryAfterMs} ms more`
        : "while its probe is out";
    return new ParleyError(
      ErrorCode.circuit_open,
      `circuit to "${agent}" is open after ${circuit?.failures ?? 0} failures: not sent ${when}`,
      { details: { agent, state: circuit?.state, retry_after_ms: retryAfterMs } },
    );
  }

  /** The outcome of a call to `agent`: `error` undefined for a response. */
  record(agent: string, error: unknown): void {
    const code = isParleyError(error) ? error.code : undefined;
    if (
      code === ErrorCode.cancelled ||
      code === ErrorCode.closed ||
      code === ErrorCode.circuit_open
    ) {
      this.#neutral(agent);
      return;
    }
    const failed =
      error !== undefined && code !== undefined && this.#options.failureCodes.has(code);
    let circuit = this.#circuits.get(agent);
    if (circuit === undefined) {
      if (!failed) return;
      circuit = this.#track(agent);
    }
    if (circuit.state === CircuitState.halfOpen) {
      circuit.probing = false;
      if (failed) this.#open(agent, circuit);
      else this.#close(agent, circuit);
      return;
    }
    // A late outcome of a call sent before the circuit opened changes nothing.
    if (circuit.state === CircuitState.open) return;
    const { failureThreshold, failureRate, window } = this.#options;
    circuit.failures = failed ? circuit.failures + 1 : 0;
    if (failureRate === undefined) {
      if (circuit.failures === 0) this.#circuits.delete(agent);
      else if (circuit.failures >= failureThreshold) this.#open(agent, circuit);
      return;
    }
    circuit.outcomes.push(failed);
    if (circuit.outcomes.length > window) circuit.outcomes.shift();
    const rate = circuit.outcomes.filter(Boolean).length / circuit.outcomes.length;
    if (
      circuit.failures >= failureThreshold ||
      (circuit.outcomes.length === window && rate >= failureRate)
    )
      this.#open(agent, circuit);
  }

  /** Stops the timers (the agent is closing). */
  stop(): void {
    for (const circuit of this.#circuits.values()) clearTimeout(circuit.timer);
    this.#circuits.clear();
  }

  /** A call that said nothing about the target (cancelled): a probe may go again. */
  #neutral(agent: string): void {
    const circuit = this.#circuits.get(agent);
    if (circuit?.state === CircuitState.halfOpen) circuit.probing = false;
  }

  #track(agent: string): Circuit {
    if (this.#circuits.size >= MAX_CIRCUITS) {
      for (const [id, old] of this.#circuits) {
        if (old.state !== CircuitState.closed) continue;
        this.#circuits.delete(id);
        break;
      }
    }
    const circuit: Circuit = {
      state: CircuitState.closed,
      failures: 0,
      outcomes: [],
      probing: false,
      probeAt: 0,
      timer: undefined,
    };
    this.#circuits.set(agent, circuit);
    return circuit;
  }

  #open(agent: string, circuit: Circuit): void {
    const { openMs } = this.#options;
    circuit.state = CircuitState.open;
    circuit.probeAt = Date.now() + openMs;
    clearTimeout(circuit.timer);
    circuit.timer = setTimeout(() => {
      circuit.timer = undefined;
      circuit.state = CircuitState.halfOpen;
      circuit.probing = false;
      this.#onChange({ agent, state: CircuitState.halfOpen });
    }, openMs);
    this.#onChange({ agent, state: CircuitState.open });
  }

  #close(agent: string, circuit: Circuit): void {
    clearTimeout(circuit.timer);
    this.#circuits.delete(agent);
    this.#onChange({ agent, state: CircuitState.closed });
  }
}
