import { beforeAll, describe, expect, it } from "vitest";
import { ErrorCode, ParleyError } from "../../src/index.js";
import type { CircuitChange } from "../../src/interceptors.js";
import { eventually, type Mesh, next } from "../../testing/conformance/mesh.js";
import { useMesh } from "../../testing/conformance/suite-setup.js";
import { targets } from "./targets.js";

describe.each(targets)("circuit breakers on $name", (target) => {
  const meshOf = useMesh(target);
  let mesh: Mesh;
  beforeAll(() => {
    mesh = meshOf();
  });

  it("opens on a dead agent, fails fast, half-opens and closes when the agent is back", async () => {
    const server = await mesh.agent("cb-dead-server");
    server.handle("ping", () => ({ pong: 1 }));
    const client = await mesh.agent("cb-dead-client", {
      circuitBreaker: { failureThreshold: 2, openMs: 400 },
    });
    const changes: CircuitChange[] = [];
    client.on("circuit:change", (change) => changes.push(change));
    const changed = (state: string) =>
      next<CircuitChange>(
        (cb) => client.on("circuit:change", cb),
        (c) => c.state === state,
      );
    await expect(client.request("cb-dead-server", "ping")).resolves.toEqual({ pong: 1 });
    const firstInstance = client.directory.get("cb-dead-server")?.instanceId;
    await server.close();

    const opened = changed("open");
    for (let i = 0; i < 2; i++) {
      // A timeout, or unavailable when the news of its departure comes while the request waits.
      const failed = (await client
        .request("cb-dead-server", "ping", {}, { timeout: 300 })
        .catch((e: unknown) => e)) as ParleyError;
      expect([ErrorCode.timeout, ErrorCode.unavailable]).toContain(failed.code);
    }
    await opened;

    // Open: refused at once, never sent (with 30 s to wait, a sent request would still be pending).
    const refused = client.request("cb-dead-server", "ping", {}, { timeout: 30_000 });
    expect(client.stats().pendingRequests).toBe(0);
    const error = (await refused.catch((e: unknown) => e)) as ParleyError;
    expect(error).toBeInstanceOf(ParleyError);
    expect(error.code).toBe(ErrorCode.circuit_open);
    expect(error.message).toMatch(/circuit to "cb-dead-server" is open after 2 failures/);
    expect(error.details).toMatchObject({ agent: "cb-dead-server", state: "open" });

    const halfOpen = changed("half_open");
    const closed = changed("closed");
    const revived = await mesh.agent("cb-dead-server");
    revived.handle("ping", () => ({ pong: 2 }));
    await halfOpen;
    // The probe goes once the client knows the new process: a card of a new instance arriving
    // while a request to the old one waits fails that request (`unavailable`, restarted).
    await eventually(() => {
      const info = client.directory.get("cb-dead-server");
      return info?.status === "online" && info.instanceId !== firstInstance;
    }, "the revived agent's card");
    await expect(client.request("cb-dead-server", "ping")).resolves.toEqual({ pong: 2 });
    await closed;
    expect(changes.map((c) => [c.agent, c.state])).toEqual([
      ["cb-dead-server", "open"],
      ["cb-dead-server", "half_open"],
      ["cb-dead-server", "closed"],
    ]);
  });

  it("lets delegate() skip agents whose circuit is open, and say why when none is left", async () => {
    const full = new Set<string>();
    for (const id of ["cb-dg-a", "cb-dg-b"]) {
      const agent = await mesh.agent(id, { card: { capabilities: ["cb_cap"] } });
      agent.handle("delegate_task", () => {
        if (full.has(id)) throw new ParleyError(ErrorCode.overloaded, `${id} is full`);
        return { by: id };
      });
    }
    const boss = await mesh.agent("cb-dg-boss", {
      circuitBreaker: { failureThreshold: 1, openMs: 60_000 },
    });
    await eventually(() => boss.directory.withCapability("cb_cap").length === 2, "both known");
    full.add("cb-dg-a");
    await expect(boss.delegate("cb_cap", {}, { preferredAgent: "cb-dg-a" })).rejects.toMatchObject({
      code: ErrorCode.overloaded,
    });
    // a's circuit is open: even preferred, it is skipped.
    await expect(boss.delegate("cb_cap", {}, { preferredAgent: "cb-dg-a" })).resolves.toEqual({
      by: "cb-dg-b",
    });
    full.add("cb-dg-b");
    await expect(boss.delegate("cb_cap")).rejects.toMatchObject({ code: ErrorCode.overloaded });
    const error = (await boss.delegate("cb_cap").catch((e: unknown) => e)) as ParleyError;
    expect(error.code).toBe(ErrorCode.circuit_open);
    expect(error.message).toMatch(/every agent with capability "cb_cap".*open circuit/);
    expect(error.message).toContain('circuit to "cb-dg-a" is open');
    expect(error.message).toContain('circuit to "cb-dg-b" is open');
    const skipped = error.details.skipped as Array<{ agent: string; state: string }>;
    expect(skipped.map((s) => [s.agent, s.state]).sort()).toEqual([
      ["cb-dg-a", "open"],
      ["cb-dg-b", "open"],
    ]);
  });
});
