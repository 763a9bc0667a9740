/**
 * Turns a nats.js connection's status stream into Parley {@link TransportStatus} changes.
 *
 * nats.js reconnects and re-subscribes by itself; it reports `disconnect` when the connection
 * is lost, `reconnecting` events for each attempt, and `reconnect` once a server took it
 * back and the subscriptions were re-sent. Parley reports `disconnected` then `reconnecting`
 * once per loss, `connected` with `resumed: true` once the server has the restored
 * subscriptions, and `closed` (with the reason when nats.js gave up) when the connection ends
 * for good.
 */
import type { NatsConnection } from "@nats-io/nats-core";
import type { TransportStatus } from "../transport.js";

/** Where status changes go; the transport keeps its state and informs its listeners. */
export type StatusSink = (status: TransportStatus) => void;

/**
 * Watches `nc` until it closes. `reconnect` says whether nats.js will try to reconnect;
 * `closedByUs` whether the transport itself is closing it (a clean end, not a failure).
 */
export function watchNatsStatus(
  nc: NatsConnection,
  reconnect: boolean,
  closedByUs: () => boolean,
  sink: StatusSink,
): void {
  let ended = false;
  let connected = true;

  function lost(server: string): void {
    connected = false;
    sink({
      state: "disconnected",
      error: new Error(`nats transport lost its connection to ${server}`),
    });
  }

  void (async () => {
    for await (const status of nc.status()) {
      if (ended) return;
      switch (status.type) {
        case "disconnect":
          // Once per loss: nats.js's WebSocket transport reports every failed reconnect attempt
          // as another disconnect (and, once back, a reconnect for each).
          if (!connected) break;
          lost(status.server);
          if (reconnect) sink({ state: "reconnecting" });
          break;
        case "reconnect":
          if (connected) break;
          // nats.js re-sends the subscriptions just before this event; a ping round trip
          // makes sure the server has them before anyone is told traffic can resume. If the
          // connection drops again meanwhile, Parley stays `reconnecting` until the next one.
          if (
            await nc.flush().then(
              () => true,
              () => false,
            )
          ) {
            if (ended) return;
            connected = true;
            sink({ state: "connected", resumed: true });
          }
          break;
        default:
          // Reconnect attempts, cluster updates, lame duck mode, async server errors, pings, stale
          // connections, slow consumers and `close` (reported by `closed()` below) change nothing
          // a Parley user can act on: nats.js handles them.
          break;
      }
    }
  })();

  void nc.closed().then((err) => {
    ended = true;
    if (closedByUs()) {
      sink({ state: "closed" });
      return;
    }
    // nats.js may close before its disconnect event has reached us; report the loss first.
    if (connected) lost(nc.getServer());
    const why = err
      ? err.message
      : reconnect
        ? "gave up reconnecting"
        : "connection lost and reconnect is off";
    sink({
      state: "closed",
      error: new Error(`nats transport closed: ${why}`, err ? { cause: err } : undefined),
    });
  });
}
