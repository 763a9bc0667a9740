/** `parley watch` output: one readable line per event, or one JSON object per line. */
import type { MessageType } from "../src/transport.js";
import type { Paint, TerminalStyle } from "./terminal-style.js";
import type { TrafficEvent } from "./traffic-event.js";

function clock(time: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const ms = String(time.getMilliseconds()).padStart(3, "0");
  return `${two(time.getHours())}:${two(time.getMinutes())}:${two(time.getSeconds())}.${ms}`;
}

/** "0.4 ms", "12 ms", "1.50 s". */
export function formatLatency(ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

function kindColour(type: MessageType, style: TerminalStyle): Paint {
  switch (type) {
    case "request":
      return style.yellow;
    case "response":
      return style.green;
    case "broadcast":
      return style.magenta;
    case "heartbeat":
      return style.dim;
    case "error":
      return style.red;
  }
}

/** One line for people: time, sender -> recipient (or *), kind, type, #correlation, latency. */
export function formatTrafficLine(event: TrafficEvent, style: TerminalStyle): string {
  const time = style.dim(clock(event.time));
  switch (event.kind) {
    case "malformed":
      return `${time}  ${style.red("malformed")} on ${event.address} (${event.bytes} bytes): ${event.reason}`;
    case "presence_cleared":
      return `${time}  ${style.cyan(event.agent)} ${style.dim("presence cleared (gone)")}`;
    case "message": {
      const parts = [
        time,
        `${style.cyan(event.from)} -> ${event.to === null ? "*" : style.cyan(event.to)}`,
        kindColour(event.messageType, style)(event.messageType.padEnd(9)),
      ];
      if (event.type !== undefined) parts.push(style.bold(event.type));
      if (event.detail !== undefined)
        parts.push(event.detail.startsWith("error") ? style.red(event.detail) : event.detail);
      if (event.correlationId !== null)
        parts.push(style.dim(`#${event.correlationId.slice(0, 8)}`));
      if (event.latencyMs !== undefined) parts.push(style.green(formatLatency(event.latencyMs)));
      if (event.presence)
        parts.push(style.dim(event.retained ? "(presence, retained)" : "(presence)"));
      return parts.join("  ");
    }
  }
}

/** One JSON object for scripts (`--json`): the event's fields and, for a message, the envelope. */
export function formatTrafficJson(event: TrafficEvent): string {
  const time = event.time.toISOString();
  switch (event.kind) {
    case "malformed":
      return JSON.stringify({
        time,
        event: "malformed",
        address: event.address,
        reason: event.reason,
        bytes: event.bytes,
      });
    case "presence_cleared":
      return JSON.stringify({
        time,
        event: "presence_cleared",
        address: event.address,
        agent: event.agent,
      });
    case "message":
      return JSON.stringify({
        time,
        event: "message",
        address: event.address,
        retained: event.retained,
        from: event.from,
        to: event.to,
        message_type: event.messageType,
        type: event.type ?? null,
        detail: event.detail ?? null,
        correlation_id: event.correlationId,
        latency_ms: event.latencyMs ?? null,
        trace_id: event.traceId ?? null,
        envelope: event.envelope,
      });
  }
}
