/**
 * What the broker behind a fresh connection can do, from the protocol version, the MQTT 5 CONNACK
 * properties, and (MQTT 3.1.1 only, which announces nothing) one probe for shared subscriptions.
 */
import type { MqttClient } from "mqtt";
import type { QoS, TransportFeatures } from "../transport.js";
import type { OpenedConnection } from "./open-connection.js";

/** Features plus the protocol details the transport needs. */
export interface BrokerCapabilities {
  readonly features: TransportFeatures;
  /** The broker tags deliveries with MQTT 5 subscription identifiers. */
  readonly subscriptionIdentifiers: boolean;
  /** Highest QoS the broker accepts in a PUBLISH. */
  readonly maximumQoS: QoS;
}

/**
 * Asks the broker to route a message through a `$share/` subscription. A broker without shared
 * subscriptions (aedes 1.2) takes `$share/...` as an ordinary filter that matches nothing, so only
 * the fence, published after the probe, comes back. Brokers deliver one connection's messages in
 * order, so the fence arriving first means "no".
 */
async function probeSharedSubscriptions(client: MqttClient, timeoutMs: number): Promise<boolean> {
  const base = `parley/_probe/${crypto.randomUUID()}`;
  const shared = `$share/parley-probe/${base}/shared`;
  const fence = `${base}/fence`;
  let onMessage: ((topic: string) => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const answer = new Promise<boolean>((resolve) => {
    let seen = false;
    onMessage = (topic) => {
      if (topic === `${base}/shared`) seen = true;
      if (topic === fence) resolve(seen);
    };
    // Only a broker that drops the fence (an ACL, say) makes this wait; then the answer is "no".
    timer = setTimeout(() => resolve(false), timeoutMs);
    client.on("message", onMessage);
  });
  try {
    await client.subscribeAsync([shared, fence], { qos: 1 });
    await client.publishAsync(`${base}/shared`, "probe", { qos: 1 });
    await client.publishAsync(fence, "fence", { qos: 1 });
    return await answer;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    if (onMessage) client.removeListener("message", onMessage);
    await client.unsubscribeAsync([shared, fence]).catch(() => {});
  }
}

/** The session the client asked for. */
export interface RequestedSession {
  readonly clean: boolean;
  /** MQTT 5 only; 0 ends the session with the connection. */
  readonly sessionExpirySeconds: number;
}

/**
 * Whether the broker keeps the session after the connection ends, a crash included: MQTT 3.1.1
 * keeps a non-clean session until the client comes back; MQTT 5 for its expiry, which the broker
 * may have lowered in the CONNACK.
 */
export function sessionPersists(
  session: RequestedSession,
  protocolVersion: 5 | 4 | undefined,
  grantedExpirySeconds?: number,
): boolean {
  if (session.clean) return false;
  if (protocolVersion === 4) return true;
  return (grantedExpirySeconds ?? session.sessionExpirySeconds) > 0;
}

/** Works out what the connected broker supports; a probe takes at most `probeTimeoutMs`. */
export async function detectCapabilities(
  connection: OpenedConnection,
  sharedSubscriptions: "detect" | boolean,
  probeTimeoutMs: number,
  session: RequestedSession,
): Promise<BrokerCapabilities> {
  const v5 = connection.protocolVersion === 5;
  const props = connection.connack.properties ?? {};
  // MQTT 5: an absent property means "available".
  let groups: boolean;
  if (typeof sharedSubscriptions === "boolean") groups = sharedSubscriptions;
  else if (v5) groups = props.sharedSubscriptionAvailable !== false;
  else groups = await probeSharedSubscriptions(connection.client, probeTimeoutMs);
  const maximumQoS =
    v5 && props.maximumQoS !== undefined ? (Math.min(2, props.maximumQoS) as QoS) : 2;
  return {
    features: {
      retained: !v5 || props.retainAvailable !== false,
      lastWill: true,
      groups,
      metadata: v5,
      expiry: v5,
      // Only when true, so the common case reads as the plain five features.
      ...(sessionPersists(session, connection.protocolVersion, props.sessionExpiryInterval)
        ? { persistentSession: true }
        : {}),
    },
    subscriptionIdentifiers: v5 && props.subscriptionIdentifiersAvailable !== false,
    maximumQoS,
  };
}
