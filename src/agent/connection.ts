/**
 * What an agent needs of its transport once connected: the features its options rely on, and
 * its subscriptions (its inbox, broadcasts, presence cards where retained, its pools).
 */
import type { InboundMessage, Subscription } from "../../transports/transport.js";
import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import {
  addressFor,
  BROADCAST_PATTERN,
  inboxPattern,
  PRESENCE_PATTERN,
} from "../wire/addresses.js";
import { MessageType } from "../wire/envelope.js";
import type { ResolvedAgentOptions } from "./resolved-options.js";

/** Refuses options the connected transport cannot honour. */
export function assertTransportFeatures(options: ResolvedAgentOptions): void {
  const { transport, pools, signer, requireSignatures } = options;
  if (pools.length > 0 && !transport.features.groups) {
    throw new ParleyError(
      ErrorCode.unavailable,
      `the ${transport.name} transport cannot share work in a pool here (no groups)`,
    );
  }
  if ((signer || requireSignatures) && !transport.features.metadata) {
    throw new ParleyError(
      ErrorCode.unavailable,
      `the ${transport.name} transport carries no metadata here, so messages cannot be signed or verified`,
    );
  }
}

/**
 * Subscribes everything an agent listens on, in order, each added to `into` as it is made (so a
 * failure part-way leaves the caller the ones to undo).
 */
export async function subscribeAgent(
  options: ResolvedAgentOptions,
  receive: (message: InboundMessage) => void,
  into: Subscription[],
): Promise<void> {
  const { transport, pools, qos, id } = options;
  const subscribe = async (
    pattern: string,
    subscribeOptions: { qos: 0 | 1 | 2; group?: string },
  ) => {
    into.push(await transport.subscribe(pattern, receive, subscribeOptions));
  };
  await subscribe(inboxPattern(id), { qos: qos.request });
  await subscribe(BROADCAST_PATTERN, { qos: 0 });
  if (transport.features.retained) await subscribe(PRESENCE_PATTERN, { qos: qos.presence });
  for (const pool of pools) {
    // Exactly one member gets each request; every member hears cancellations.
    await subscribe(addressFor(pool, MessageType.request), { qos: qos.request, group: pool });
    await subscribe(addressFor(pool, MessageType.error), { qos: qos.request });
  }
}
