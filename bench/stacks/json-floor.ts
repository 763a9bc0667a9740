/** The floor: encoding and decoding the same envelope with nothing else, in one process. */
import { BODY } from "../echo-contract.js";
import type { Stack } from "./stack.js";

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
