/**
 * Raw `ws` doing the echo, requests and replies multiplexed over one connection by id. Two ways:
 * `rawWs`, where the responder is the WebSocket server itself (no broker hop: the ceiling), and
 * `rawWsRelayed`, where requester and responder are both clients of a minimal relay
 * (`ws-relay.ts`), the same two hops as Parley through the hub.
 */
import { WebSocket } from "ws";
import { BODY } from "../echo-contract.js";
import { createPendingReplies } from "./pending-replies.js";
import type { Requester, Responder, Stack, StackParams } from "./stack.js";
import { listenWs } from "./ws-relay.js";

interface Frame {
  readonly id: string;
  readonly body: unknown;
  /** Relayed requests: the requester to answer. */
  readonly from?: string;
}

/** A frame's JSON: after the relay's name line where there is one (JSON has no raw newline). */
function frameOf(data: unknown): Frame {
  const text = String(data);
  return JSON.parse(text.slice(text.indexOf("\n") + 1)) as Frame;
}

async function startResponder(): Promise<Responder> {
  const { server, url, close } = await listenWs();
  server.on("connection", (socket) => {
    socket.on("message", (data) => {
      const frame = frameOf(data);
      socket.send(JSON.stringify({ id: frame.id, body: frame.body }));
    });
  });
  return { endpoint: url, close };
}

async function open(url: string): Promise<WebSocket> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  return socket;
}

/** A requester on `socket`; relayed, each frame starts with the relay's name line `to`. */
function requesterOn(socket: WebSocket, relayed?: { to: string; from: string }): Requester {
  const pending = createPendingReplies();
  socket.on("message", (data) => {
    const frame = frameOf(data);
    pending.settle(frame.id, frame.body);
  });
  return {
    call() {
      const { id, reply } = pending.open();
      socket.send(
        relayed
          ? `${relayed.to}\n${JSON.stringify({ from: relayed.from, id, body: BODY })}`
          : JSON.stringify({ id, body: BODY }),
      );
      return reply;
    },
    close: async () => socket.terminate(),
  };
}

export const rawWs: Stack = {
  startResponder,
  startRequester: async (params) => requesterOn(await open(params.url)),
};

const responderId = (params: StackParams) => `responder-${params.runId}`;

export const rawWsRelayed: Stack = {
  async startResponder(params) {
    const socket = await open(`${params.url}/?id=${responderId(params)}`);
    socket.on("message", (data) => {
      const frame = frameOf(data);
      socket.send(`${frame.from}\n${JSON.stringify({ id: frame.id, body: frame.body })}`);
    });
    return { close: async () => socket.terminate() };
  },
  async startRequester(params) {
    const me = `requester-${params.runId}-${process.pid}`;
    const socket = await open(`${params.url}/?id=${me}`);
    return requesterOn(socket, { to: responderId(params), from: me });
  },
};
