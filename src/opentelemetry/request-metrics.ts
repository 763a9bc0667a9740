/**
 * The metrics the tracing interceptor records around each call: how long requests take on the
 * caller and handlers on the responder, split by request type and outcome, and how many of each
 * are under way. Broadcasts are traced but not timed (nothing answers them).
 */
import type { Histogram, Meter, UpDownCounter } from "@opentelemetry/api";
import type { InboundCall, OutboundCall } from "../inbound/handler-context.js";
import { type Attributes, metricAttributes, ParleyAttribute } from "./span-attributes.js";

/** The messaging conventions' buckets for operation durations, in seconds. */
const DURATION_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/** Ends one timed call: records its duration and outcome. */
export type CallDone = (error: unknown, failed: boolean) => void;

const NOT_TIMED: CallDone = () => {};

export class RequestMetrics {
  readonly #requestDuration: Histogram;
  readonly #handlerDuration: Histogram;
  readonly #inFlight: UpDownCounter;
  readonly #handling: UpDownCounter;

  constructor(meter: Meter) {
    const seconds = { unit: "s", advice: { explicitBucketBoundaries: DURATION_BUCKETS } };
    this.#requestDuration = meter.createHistogram("parley.request.duration", {
      ...seconds,
      description: "Requests from sending to their answer (or failure), on the caller",
    });
    this.#handlerDuration = meter.createHistogram("parley.handler.duration", {
      ...seconds,
      description: "Request handlers from start to result (or throw), on the responder",
    });
    this.#inFlight = meter.createUpDownCounter("parley.requests.in_flight", {
      description: "Requests sent and not yet answered",
    });
    this.#handling = meter.createUpDownCounter("parley.handlers.active", {
      description: "Request handlers running",
    });
  }

  /** A caller's request or stream starts; call the result when it settles. */
  outbound(call: OutboundCall): CallDone {
    if (call.kind === "broadcast") return NOT_TIMED;
    const { from, transport, type } = call;
    return this.#timed(this.#requestDuration, this.#inFlight, from, transport, type, false);
  }

  /** A handler starts; call the result when it settles. */
  inbound(call: InboundCall): CallDone {
    if (call.kind === "broadcast") return NOT_TIMED;
    const { agent, transport, type } = call;
    return this.#timed(this.#handlerDuration, this.#handling, agent, transport, type, true);
  }

  #timed(
    duration: Histogram,
    running: UpDownCounter,
    agent: string,
    transport: string,
    type: string,
    inbound: boolean,
  ): CallDone {
    const started = performance.now();
    const where: Attributes = {
      [ParleyAttribute.agent]: agent,
      [ParleyAttribute.system]: transport,
    };
    running.add(1, where);
    return (error, failed) => {
      running.add(-1, where);
      const seconds = (performance.now() - started) / 1000;
      duration.record(seconds, metricAttributes(agent, transport, type, error, failed, inbound));
    };
  }
}
