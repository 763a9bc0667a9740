/**
 * How the NATS transport reaches nats.js. The transport itself is the same everywhere; only this
 * differs: Node dials TCP or WebSocket (`node-connector.ts`), a browser only WebSocket
 * (`browser.ts`), so nothing Node-only is reached from the browser entry point. nats.js is an
 * optional peer dependency, imported by `load()` when the transport connects.
 */
import type { ConnectionOptions, MsgHdrs, NatsConnection } from "@nats-io/nats-core";

/** Opens nats.js connections for one runtime. */
export interface NatsConnector {
  /** Whether this runtime can dial TCP servers (`nats://`, `tls://`, `host:port`). */
  readonly tcp: boolean;
  /**
   * Imports the nats.js modules this runtime needs; rejects with a one-line
   * `MissingPackageError` naming the packages to install when they are not there.
   */
  load(): Promise<NatsDialer>;
}

/** The parts of nats.js the transport uses, once imported. */
export interface NatsDialer {
  /** Connects to `options.servers`: over WebSocket when `websocket`, else over TCP. */
  connect(options: ConnectionOptions, websocket: boolean): Promise<NatsConnection>;
  /** nats.js's `headers()`: an empty header set for one publish. */
  headers(): MsgHdrs;
}
