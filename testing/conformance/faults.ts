import { beforeAll, expect, it } from "vitest";
import { type Agent, type AgentInfo, isErrorCode, isParleyError } from "../../src/index.js";
import type { TransportStatus } from "../../src/transport.js";
import { eventually, type Mesh, next } from "./mesh.js";
import { conformanceSection } from "./section.js";
import { useMesh } from "./suite-setup.js";

export const faults = conformanceSection("faults", (target) => {
  const meshOf = useMesh(target);
  let mesh: Mesh;
  beforeAll(() => {
    mesh = meshOf();
  });

  it("completes a request whose response was lost while the caller was disconnected, handled once", async () => {
    const server = await mesh.agent("ft-slow-server");
    const client = await mesh.agent("ft-cut-client");
    const slow = serveSlowly(server);
    const answer = client.request<{ n: number }>(
      "ft-slow-server",
      "slow",
      { n: 7 },
      {
        timeout: 20_000,
      },
    );
    await slow.started;
    // The handler answers while the caller's connection is down: that response is gone.
    const resumed = next<TransportStatus>(
      (cb) => client.on("connection", cb),
      (s) => s.state === "connected" && s.resumed === true,
    );
    client.on("connection", (s) => {
      if (s.state !== "connected") slow.release();
    });
    await mesh.env.dropConnection(mesh.transportOf(client));
    slow.release();
    await resumed;
    await expect(answer).resolves.toEqual({ n: 7 });
    expect(slow.runs()).toBe(1);
  }, 30_000);

  it("sends a reply whose handler finished while the responder was disconnected, once it is back", async () => {
    const server = await mesh.agent("ft-cut-server");
    const client = await mesh.agent("ft-steady-client");
    const slow = serveSlowly(server);
    const lostReplies: string[] = [];
    server.on("message:rejected", (r) => {
      if (r.envelope?.message_type === "response") lostReplies.push(r.error.message);
    });
    const answer = client.request<{ n: number }>(
      "ft-cut-server",
      "slow",
      { n: 9 },
      {
        timeout: 20_000,
      },
    );
    await slow.started;
    // The caller stays connected, so it has no reason to send the request again: only the
    // responder can deliver this answer, after its own reconnect.
    server.on("connection", (s) => {
      if (s.state !== "connected") slow.release();
    });
    await mesh.env.dropConnection(mesh.transportOf(server));
    await expect(answer).resolves.toEqual({ n: 9 });
    expect(lostReplies).toEqual([]);
    expect(client.stats().resentRequests).toBe(0);
  }, 30_000);

  if (!target.brokerRestart) {
    it("has no broker process to restart (declared)", () => {
      expect(mesh.env.restartBroker).toBeUndefined();
    });
    return;
  }

  it("survives a broker restart under traffic: every request completes or fails typed, then work resumes", async () => {
    const server = await mesh.agent("ft-server");
    const client = await mesh.agent("ft-client");
    server.handle<{ n: number }>("echo", ({ n }) => ({ n }));
    let sending = true;
    let oks = 0;
    const outcomes: Promise<string>[] = [];
    const traffic = (async () => {
      for (let n = 0; sending; n++) {
        const outcome = client
          .request<{ n: number }>("ft-server", "echo", { n }, { timeout: 2000 })
          .then(
            (r) => {
              oks++;
              return r.n === n ? "ok" : "wrong answer";
            },
            (e: unknown) =>
              isParleyError(e) && isErrorCode(e.code) ? e.code : `untyped: ${String(e)}`,
          );
        outcomes.push(outcome);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await eventually(() => oks > 0, "traffic flowing before the restart");
    await mesh.env.restartBroker?.();
    const oksBefore = oks;
    await eventually(() => oks > oksBefore, "traffic flowing after the restart", 15_000);
    sending = false;
    await traffic;
    const settled = await Promise.all(outcomes);
    // Each request completed with its own answer or failed with a typed error: none hung or crossed.
    expect(settled.filter((o) => o !== "ok" && o !== "timeout" && o !== "unavailable")).toEqual([]);
  }, 60_000);

  it("lets newcomers learn agents that were online before a broker restart", async () => {
    await mesh.agent("ft-veteran", { card: { capabilities: ["ft_survivor"] } });
    await mesh.env.restartBroker?.();
    const newcomer = mesh.createAgent("ft-newcomer");
    const learnt = next<AgentInfo>(
      (cb) => newcomer.on("agent:online", cb),
      (i) => i.id === "ft-veteran",
    );
    await newcomer.connect();
    expect((await learnt).capabilities).toEqual(["ft_survivor"]);
  }, 60_000);
});

/** Serves "slow": each call waits for `release()` before it answers `{ n }`. */
function serveSlowly(server: Agent): { started: Promise<void>; release(): void; runs(): number } {
  let runs = 0;
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const started = new Promise<void>((resolve) => {
    server.handle<{ n: number }>("slow", async ({ n }) => {
      runs++;
      resolve();
      await released;
      return { n };
    });
  });
  return { started, release: () => release(), runs: () => runs };
}
