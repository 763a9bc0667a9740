/**
 * The smallest WebSocket broker there is, for a fair raw baseline of the hub: a client connects
 * with `?id=NAME`, and each frame `NAME\n<body>` is passed unchanged to that client (the name
 * on a line of its own before the body, as the hub's frames have their header line). It parses
 * nothing: no subscriptions, retained messages, acks or limits; a search for the newline and a map
 * lookup per frame, the least any relay does.
 */
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/** A WebSocket server on a free loopback port, with its URL and a `close()` that ends every client. */
export async function listenWs(): Promise<{
  server: WebSocketServer;
  url: string;
  close(): Promise<void>;
}> {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

const NEWLINE = 0x0a;

export async function startWsRelay(): Promise<{ url: string; close(): Promise<void> }> {
  const { server, url, close } = await listenWs();
  const clients = new Map<string, WebSocket>();
  server.on("connection", (socket, request) => {
    const id = new URL(request.url ?? "/", "ws://relay").searchParams.get("id") ?? "";
    clients.set(id, socket);
    socket.on("close", () => {
      if (clients.get(id) === socket) clients.delete(id);
    });
    socket.on("message", (data, isBinary) => {
      // The default binaryType: a Buffer.
      const frame = data as Buffer;
      const end = frame.indexOf(NEWLINE);
      if (end > 0) clients.get(frame.toString("utf8", 0, end))?.send(frame, { binary: isBinary });
    });
  });
  return { url, close };
}
