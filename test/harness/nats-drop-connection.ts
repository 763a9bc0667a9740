/**
 * Cuts a NATS transport's TCP connection the way a crash or a network failure would: the socket
 * under nats.js is reset (RST) and destroyed, with no goodbye and nothing flushed. nats.js then
 * sees its socket close, reports a disconnect and reconnects.
 *
 * nats.js has no public API for this (`reconnect()` closes politely, flushing first), so this
 * reaches into its Node transport (`protocol.transport.socket`), and fails loudly if that ever
 * moves.
 */
import { Socket } from "node:net";
import type { NatsTransport } from "../../transports/nats/index.js";
import type { Transport } from "../../transports/transport.js";

interface NatsInternals {
  readonly protocol?: { readonly transport?: { readonly socket?: unknown } };
}

/** Resets the socket of a connected NATS transport and resolves once it is closed. */
export async function dropNatsConnection(transport: Transport): Promise<void> {
  const connection = (transport as Partial<NatsTransport>).connection;
  if (!connection) throw new Error(`${transport.name} transport has no NATS connection to drop`);
  const socket = (connection as unknown as NatsInternals).protocol?.transport?.socket;
  if (!(socket instanceof Socket)) {
    throw new Error(
      "cannot find the socket under the nats.js connection: nats.js internals changed",
    );
  }
  if (socket.destroyed) return;
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  socket.resetAndDestroy();
  await closed;
}
