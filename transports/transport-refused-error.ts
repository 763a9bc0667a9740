/**
 * A refusal from the broker or hub itself (not a lost connection): it answered a publish or
 * subscribe with "no" (a full store, a limit). Waiting does not deliver a refused message, so a
 * caller should fail it, or send it again later, rather than wait for an answer. Transports
 * reject with it where their protocol says so (the WebSocket hub's `error` frame).
 */
export class TransportRefusedError extends Error {
  override readonly name = "TransportRefusedError";
}

/** True for a {@link TransportRefusedError}, also one from another copy of the package. */
export function isTransportRefused(error: unknown): error is TransportRefusedError {
  return error instanceof Error && error.name === "TransportRefusedError";
}
