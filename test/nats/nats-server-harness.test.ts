/** The private nats-server helper: JetStream in a temporary store that is gone after stop. */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { startNatsServer } from "../harness/nats-server.js";
import { testTransports } from "./nats-test-transports.js";

describe("startNatsServer", () => {
  it("runs JetStream in a temporary store directory and removes it at stop", async () => {
    const server = await startNatsServer({ jetstream: true });
    const { connected, closeAll } = testTransports(() => ({ url: server.url }));
    try {
      expect(server.storeDir && existsSync(server.storeDir)).toBe(true);
      const transport = await connected("js-check");
      expect(transport.connection?.info?.jetstream).toBe(true);
    } finally {
      await closeAll();
      await server.stop();
    }
    expect(existsSync(server.storeDir as string)).toBe(false);
  });

  it("refuses a port already in use with a clear error", async () => {
    const first = await startNatsServer();
    try {
      await expect(startNatsServer({ port: first.port })).rejects.toThrow(
        `cannot start nats-server: port ${first.port} on 127.0.0.1 is already in use`,
      );
    } finally {
      await first.stop();
    }
  });
});
