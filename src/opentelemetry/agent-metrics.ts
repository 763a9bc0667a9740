/**
 * The metrics an agent's events and counters give, beside those the interceptor records: messages
 * refused (by reason), reconnects, and the handler backlog. Read through the public API only
 * (`agent.on`, `agent.stats()`), as an application would.
 */
import type { Meter, ObservableResult } from "@opentelemetry/api";
import type { Agent } from "../agent/agent.js";
import { ParleyAttribute } from "./span-attributes.js";

/** The instruments, shared by every agent instrumented with one telemetry object. */
export class AgentMetrics {
  readonly #rejected;
  readonly #reconnects;
  readonly #queue;

  constructor(meter: Meter) {
    this.#rejected = meter.createCounter("parley.messages.rejected", {
      description: "Messages refused (malformed, expired, shed, unauthorized...), by error.type",
    });
    this.#reconnects = meter.createCounter("parley.reconnects", {
      description: "Connections lost and restored",
    });
    this.#queue = meter.createObservableGauge("parley.handler.queue.length", {
      description: "Requests waiting for a handler",
    });
  }

  /** Starts recording `agent`'s events and backlog; returns a function that stops it. */
  observe(agent: Agent): () => void {
    const where = { [ParleyAttribute.agent]: agent.id };
    let down = false;
    const stops = [
      agent.on("message:rejected", ({ error }) => {
        this.#rejected.add(1, { ...where, [ParleyAttribute.errorType]: error.code });
      }),
      agent.on("connection", ({ state }) => {
        if (state === "connected" && down) this.#reconnects.add(1, where);
        if (state !== "closed") down = state !== "connected";
      }),
    ];
    const observeQueue = (result: ObservableResult): void => {
      result.observe(agent.stats().queuedRequests, where);
    };
    this.#queue.addCallback(observeQueue);
    return () => {
      for (const stop of stops) stop();
      this.#queue.removeCallback(observeQueue);
    };
  }
}
