/**
 * The metrics the tracing interceptor records around each call: how long requests take on the
 * caller and handlers on the responder, split by request type and outcome, and how many of each
 * are under way. Broadcasts are traced but not timed (nothing answers them).
 */
import type { Histogram, Meter, UpDownCounter } from "@opentelemetry/api";
import type { InboundCall, OutboundCall } from "../inbound/handler-context.js";
import {
  type Attributes,
  errorTypeOf,
  metricAttributes,
  ParleyAttribute,
} from "./span-attributes.js";

/** The messaging conventions' buckets for operation durations, in seconds. */
const DURATION_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

const MAX_CACHED_ATTRIBUTE_SETS = 1000;

/** Ends one timed call: records its duration and outcome. */
export type CallDone = (error: unknown, failed: boolean) => void;

/** What `outbound`/`inbound` return when there is nothing to time. */
export const NOT_TIMED: CallDone = () => {};

/** `call`, with `done` told how it ended. */
export function timed(call: Promise<unknown>, done: CallDone): Promise<unknown> {
  if (done === NOT_TIMED) return call;
  return call.then(
    (result) => {
      done(undefined, false);
      return result;
    },
    (error: unknown) => {
      done(error, true);
      throw error;
    },
  );
}

export class RequestMetrics {
  readonly #requestDuration: Histogram;
  readonly #handlerDuration: Histogram;
  readonly #inFlight: UpDownCounter;
  readonly #handling: UpDownCounter;
  /** False with the API's no-op meter (no SDK registered): then nothing is timed at all. */
  readonly #enabled: boolean;
  /** Attribute sets by agent, transport, type and outcome: the same few, recorded per call. */
  readonly #attributes = new Map<string, Attributes>();

  constructor(meter: Meter, enabled: boolean) {
    this.#enabled = enabled;
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
    if (!this.#enabled || call.kind === "broadcast") return NOT_TIMED;
    const { from, transport, type } = call;
    return this.#timed(this.#requestDuration, this.#inFlight, from, transport, type, false);
  }

  /** A handler starts; call the result when it settles. */
  inbound(call: InboundCall): CallDone {
    if (!this.#enabled || call.kind === "broadcast") return NOT_TIMED;
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
    const where = this.#cached(`${agent}\0${transport}`, () => ({
      [ParleyAttribute.agent]: agent,
      [ParleyAttribute.system]: transport,
    }));
    running.add(1, where);
    return (error, failed) => {
      running.add(-1, where);
      const seconds = (performance.now() - started) / 1000;
      const outcome = failed ? errorTypeOf(error, inbound) : "ok";
      const attributes = this.#cached(`${agent}\0${transport}\0${type}\0${outcome}`, () =>
        metricAttributes(agent, transport, type, outcome),
      );
      duration.record(seconds, attributes);
    };
  }

  #cached(key: string, make: () => Attributes): Attributes {
    let attributes = this.#attributes.get(key);
    if (attributes === undefined) {
      attributes = make();
      // Request types are the handlers' and the callers' own, a few; the bound is for safety.
      if (this.#attributes.size < MAX_CACHED_ATTRIBUTE_SETS) this.#attributes.set(key, attributes);
    }
    return attributes;
  }
}
