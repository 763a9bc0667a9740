/** The floors: encoding and decoding with nothing else, in one process. */
import { BODY } from "../echo-contract.js";
import { agentIds, echoRequestEnvelope, type Stack } from "./stack.js";

/** One stringify and parse of a small envelope (one-letter ids) per request. */
export const jsonFloor: Stack = {
  async startRequester() {
    const envelope = {
      id: "x",
      sender_id: "a",
      recipient_id: "b",
      message_type: "request",
      priority: 2,
      timestamp: new Date().toISOString(),
      payload: BODY,
      correlation_id: "c",
      expires_at: null,
    };
    return {
      call: async () => JSON.parse(JSON.stringify(envelope)),
      close: async () => {},
    };
  },
};

/**
 * What any round trip over an in-process transport must do, and nothing else: the request and
 * the response envelope, byte for byte as Parley's in-process stack writes them (its agent ids,
 * UUIDs, `+00:00` instants, `request_type` in the request's payload), each to UTF-8 bytes and
 * back to an object. No ids or instants are made, nothing is checked or routed: its req/s is the
 * ceiling of the memory transport on this machine while the envelope stays the seed's JSON.
 */
export const jsonRoundTripFloor: Stack = {
  async startRequester(params) {
    const { requester, responder } = agentIds(params);
    const at = (ms: number) => `${new Date(ms).toISOString().slice(0, -1)}+00:00`;
    const now = Date.now();
    const id = crypto.randomUUID();
    const request = echoRequestEnvelope(params, id, at(now), at(now + 30_000));
    const response = {
      ...request,
      id: crypto.randomUUID(),
      sender_id: responder,
      recipient_id: requester,
      message_type: "response",
      payload: BODY,
      expires_at: null,
    };
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const trip = (envelope: object): unknown =>
      JSON.parse(decoder.decode(Buffer.from(JSON.stringify(envelope), "utf8")));
    return {
      call: async () => [trip(request), trip(response)],
      close: async () => {},
    };
  },
};
