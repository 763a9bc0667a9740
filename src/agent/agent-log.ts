/**
 * The `logger` option: what an agent writes to the application's logger. It logs from the
 * agent's own lifecycle events (the same ones `agent.on(...)` hears), so what is logged and what
 * is emitted and counted cannot drift apart, and an agent without a logger pays nothing.
 */
import type { TransportStatus } from "../../transports/transport.js";
import { ErrorCode } from "../errors/parley-error.js";
import type { Listeners, RejectedMessage } from "./events.js";
import type { Logger } from "./logger.js";

/** A refusal worth less than a warning: the sender gave up or the work came too late. */
const ROUTINE = new Set<string>([ErrorCode.expired, ErrorCode.cancelled, ErrorCode.closed]);

/** Fields describing a refused message or a failed handler. */
function messageFields(agent: string, event: RejectedMessage): Record<string, unknown> {
  const { error, address, envelope } = event;
  const fields: Record<string, unknown> = { agent, code: error.code, address, err: error };
  if (envelope) {
    fields.sender = envelope.sender_id;
    fields.messageId = envelope.id;
    if (envelope.correlation_id !== null) fields.correlationId = envelope.correlation_id;
    const type = envelope.payload.request_type ?? envelope.payload.broadcast_type;
    if (typeof type === "string") fields.type = type;
  }
  return fields;
}

/** A request shed from a full backlog: its error names the limits it was over. */
function isShed(event: RejectedMessage): boolean {
  return event.error.code === ErrorCode.overloaded && "max_queue" in event.error.details;
}

/** What the log needs of the agent's context (`context.ts`, which starts it). */
interface LoggedAgent {
  readonly id: string;
  readonly listeners: Listeners;
  /** Connected and not closed: a lost connection is worth a warning. */
  readonly open: boolean;
}

/** Starts writing `ctx`'s events to `logger`; returns a function that stops it. */
export function logAgentEvents(ctx: LoggedAgent, logger: Logger): () => void {
  const agent = ctx.id;
  /** The connection was lost since it was last up: the next `connected` is a reconnect. */
  let down = false;
  const onConnection = (status: TransportStatus): void => {
    const err = status.error;
    const fields = err ? { agent, state: status.state, err } : { agent, state: status.state };
    if (status.state === "connected") {
      if (down) logger.info({ ...fields, resumed: status.resumed ?? false }, "reconnected");
      down = false;
    } else if (status.state === "closed") {
      logger.debug(fields, "connection closed");
    } else if (ctx.open) {
      // One warning per outage; its further states (reconnecting, again) are detail.
      if (down) logger.debug(fields, `connection ${status.state}`);
      else logger.warn(fields, `connection lost (${status.state})`);
      down = true;
    }
  };
  const onRejected = (event: RejectedMessage): void => {
    const fields = messageFields(agent, event);
    if (isShed(event)) logger.warn(fields, "request shed: handler backlog full");
    else if (ROUTINE.has(event.error.code)) logger.info(fields, "message refused");
    else logger.warn(fields, "message refused");
  };
  const onHandlerError = (event: RejectedMessage): void => {
    const fields = messageFields(agent, event);
    // A handler stopped by its deadline, its caller or close did not fail on its own.
    if (ROUTINE.has(event.error.code)) logger.info(fields, "handler stopped");
    else logger.error(fields, "handler failed");
  };
  const stops = [
    ctx.listeners.on("connection", onConnection as (value: never) => void),
    ctx.listeners.on("message:rejected", onRejected as (value: never) => void),
    ctx.listeners.on("handler:error", onHandlerError as (value: never) => void),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
