/**
 * The smallest WebSocket broker there is, for a fair raw baseline of the hub: a client connects
 * with `?id=NAME`, and each text frame `{"to": NAME, ...}` is passed unchanged to that client.
 * No subscriptions, retained messages, acks or limits: one JSON parse per frame and a map lookup,
 * the least any relay does.
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
      const { to } = JSON.parse(String(data)) as { to: string };
      clients.get(to)?.send(data, { binary: isBinary });
    });
  });
  return { url, close };
}
