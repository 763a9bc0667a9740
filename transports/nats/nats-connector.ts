/**
 * How the NATS transport opens its nats.js connection. The transport itself is the same everywhere;
 * only this differs: Node dials TCP or WebSocket (`node-connector.ts`), a browser only WebSocket
 * (`browser.ts`), so nothing Node-only is reached from the browser entry point.
 */
import type { ConnectionOptions, NatsConnection } from "@nats-io/nats-core";

/** Opens nats.js connections for one runtime. */
export interface NatsConnector {
  /** Whether this runtime can dial TCP servers (`nats://`, `tls://`, `host:port`). */
  readonly tcp: boolean;
  /** Connects to `options.servers`: over WebSocket when `websocket`, else over TCP. */
  connect(options: ConnectionOptions, websocket: boolean): Promise<NatsConnection>;
}
