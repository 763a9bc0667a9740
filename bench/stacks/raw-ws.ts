/**
 * Raw `ws` doing the echo: the responder is the WebSocket server itself (there is no broker
 * hop), requests and replies are multiplexed over one connection by id.
 */
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";
import { BODY } from "../echo-contract.js";
import { createPendingReplies } from "./pending-replies.js";
import type { Requester, Responder, Stack } from "./stack.js";

interface Frame {
  readonly id: string;
  readonly body: unknown;
}

async function startResponder(): Promise<Responder> {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  server.on("connection", (socket) => {
    socket.on("message", (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      socket.send(JSON.stringify({ id: frame.id, body: frame.body }));
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

async function startRequester(params: { url: string }): Promise<Requester> {
  const socket = new WebSocket(params.url);
  await new Promise<void>((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  const pending = createPendingReplies();
  socket.on("message", (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    pending.settle(frame.id, frame.body);
  });
  return {
    call() {
      const { id, reply } = pending.open();
      socket.send(JSON.stringify({ id, body: BODY }));
      return reply;
    },
    close: async () => socket.terminate(),
  };
}

export const rawWs: Stack = { startResponder, startRequester };
