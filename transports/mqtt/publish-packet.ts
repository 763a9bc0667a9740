/**
 * One PUBLISH through mqtt.js, as the promise the transport's `publish` returns. QoS 1 and 2:
 * settled by the broker's acknowledgement. QoS 0: mqtt.js calls back once the packet is written,
 * at once unless the socket's buffer is past its high-water mark, and then only on `drain`;
 * failures (a client disconnecting, a bad topic alias) call back at once.
 */
import type { IClientPublishOptions, MqttClient } from "mqtt";
import { callbackPublish } from "../callback-publish.js";
import { PUBLISHED } from "../transport.js";

/**
 * Bytes in the socket's buffer up to which a QoS 0 packet waiting for `drain` counts as handed
 * over: a backlog this size clears by itself (waiting on it would only delay the caller), a
 * larger one is a sender outpacing the network, which then waits for it.
 */
const BACKLOG_LIMIT = 1024 * 1024;

export function publishPacket(
  client: MqttClient,
  topic: string,
  payload: Buffer,
  options: IClientPublishOptions,
): Promise<void> {
  let calledBack = false;
  const sent = callbackPublish((done) =>
    client.publish(topic, payload, options, (error) => {
      calledBack = true;
      done(error);
    }),
  );
  if (calledBack || !handedOver(client, options.qos)) return sent;
  // Settled for the caller already: a late failure of this packet must not surface as an
  // unhandled rejection.
  sent.catch(() => {});
  return PUBLISHED;
}

/**
 * Whether a QoS 0 packet mqtt.js has not called back for is in the connected socket's buffer,
 * waiting for `drain`; offline, mqtt.js holds it in its own queue until a reconnect instead.
 */
function handedOver(client: MqttClient, qos: number | undefined): boolean {
  if (qos !== 0 || !client.connected) return false;
  const buffered = (client.stream as { writableLength?: number }).writableLength ?? 0;
  return buffered <= BACKLOG_LIMIT;
}
