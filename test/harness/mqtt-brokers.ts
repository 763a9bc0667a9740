/**
 * MQTT brokers for tests, behind one small interface: a private mosquitto process, or the
 * embedded aedes broker in this process. Both can be restarted on the same port.
 */
import { createEmbeddedBroker } from "../../transports/mqtt/embedded-broker.js";
import {
  type MosquittoOptions,
  startMosquitto,
  startMosquittoWithWebSockets,
} from "./mosquitto.js";

/** A running MQTT broker on loopback. */
export interface RunningBroker {
  /** `mqtt://127.0.0.1:{port}` (or `ws://` for MQTT over WebSockets) */
  readonly url: string;
  /** Stops the broker (uncleanly for mosquitto: SIGKILL) and starts it again on the same port. */
  restart(): Promise<void>;
  /** Stops it for good and frees everything. */
  stop(): Promise<void>;
}

/** A private mosquitto (it speaks MQTT 5 and 3.1.1, and has shared subscriptions). */
export async function startMosquittoBroker(options: MosquittoOptions = {}): Promise<RunningBroker> {
  const broker = await startMosquitto(options);
  return { url: `mqtt://127.0.0.1:${broker.port}`, restart: broker.restart, stop: broker.stop };
}

/** A private mosquitto spoken to over WebSockets: the URL is its `ws://` listener's. */
export async function startMosquittoWebSocketsBroker(): Promise<RunningBroker> {
  const broker = await startMosquittoWithWebSockets();
  return { url: `ws://127.0.0.1:${broker.wsPort}`, restart: broker.restart, stop: broker.stop };
}

/** The embedded aedes 1.2 broker on a free port; a restart closes it and listens again. */
export async function startEmbeddedBroker(): Promise<RunningBroker> {
  let broker = await createEmbeddedBroker({ port: 0 });
  const port = broker.port;
  return {
    url: broker.url,
    async restart() {
      await broker.close();
      broker = await createEmbeddedBroker({ port });
    },
    stop: () => broker.close(),
  };
}
