import { beforeAll, expect, it } from "vitest";
import { ErrorCode, type ParleyError, Priority } from "../../src/index.js";
import { eventually, type Mesh } from "./mesh.js";
import { conformanceSection } from "./section.js";
import { useMesh } from "./suite-setup.js";

/** A gate the test opens; handlers wait on it. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => {
    open = r;
  });
  return { wait, open };
}

export const dispatch = conformanceSection("dispatch", (target) => {
  const meshOf = useMesh(target);
  let mesh: Mesh;
  beforeAll(() => {
    mesh = meshOf();
  });

  it("never runs more handlers at once than its concurrency", async () => {
    const server = await mesh.agent("dp-bounded-server", { concurrency: 2 });
    const client = await mesh.agent("dp-bounded-client");
    let running = 0;
    let most = 0;
    server.handle("work", async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
      return {};
    });
    await Promise.all(Array.from({ length: 8 }, () => client.request("dp-bounded-server", "work")));
    expect(most).toBe(2);
  });

  it("runs urgent work before low when handlers are backlogged", async () => {
    const server = await mesh.agent("dp-priority-server", { concurrency: 1 });
    const client = await mesh.agent("dp-priority-client");
    const first = gate();
    const order: string[] = [];
    let blockerStarted!: () => void;
    const started = new Promise<void>((r) => {
      blockerStarted = r;
    });
    server.handle<{ label: string }>("job", async ({ label }) => {
      if (label === "blocker") {
        blockerStarted();
        await first.wait;
      }
      order.push(label);
      return {};
    });
    const calls = [client.request("dp-priority-server", "job", { label: "blocker" })];
    await started;
    for (const label of ["low-1", "low-2", "low-3"]) {
      calls.push(
        client.request("dp-priority-server", "job", { label }, { priority: Priority.low }),
      );
    }
    calls.push(
      client.request(
        "dp-priority-server",
        "job",
        { label: "urgent" },
        { priority: Priority.urgent },
      ),
    );
    // Every request waits in the server's backlog before the blocker finishes.
    await eventually(() => server.stats().load === 5, "four requests queued behind the blocker");
    first.open();
    await Promise.all(calls);
    expect(order).toEqual(["blocker", "urgent", "low-1", "low-2", "low-3"]);
  });

  it("sheds the lowest priority with overloaded when the backlog is full", async () => {
    const server = await mesh.agent("dp-shed-server", { concurrency: 1, maxQueue: 1 });
    const client = await mesh.agent("dp-shed-client");
    const release = gate();
    let blockerStarted!: () => void;
    const started = new Promise<void>((r) => {
      blockerStarted = r;
    });
    server.handle<{ label: string }>("job", async ({ label }) => {
      if (label === "blocker") {
        blockerStarted();
        await release.wait;
      }
      return { label };
    });
    const blocker = client.request("dp-shed-server", "job", { label: "blocker" });
    await started;
    const low = client
      .request("dp-shed-server", "job", { label: "low" }, { priority: Priority.low })
      .catch((e: unknown) => e);
    await eventually(() => server.stats().load === 2, "the low request queued");
    const high = client.request(
      "dp-shed-server",
      "job",
      { label: "high" },
      { priority: Priority.high },
    );
    expect(((await low) as ParleyError).code).toBe(ErrorCode.overloaded);
    release.open();
    await expect(high).resolves.toEqual({ label: "high" });
    await expect(blocker).resolves.toEqual({ label: "blocker" });
  });

  it("tells the callers of running and queued requests at once when the server closes", async () => {
    const server = await mesh.agent("dp-closing-server", { concurrency: 1 });
    const client = await mesh.agent("dp-closing-client");
    const started = gate();
    let aborted = false;
    server.handle("hang", (_payload, ctx) => {
      started.open();
      return new Promise((_resolve, reject) => {
        ctx.signal.addEventListener("abort", () => {
          aborted = true;
          reject(ctx.signal.reason);
        });
      });
    });
    const ask = () =>
      client
        .request("dp-closing-server", "hang", {}, { timeout: 15_000 })
        .catch((e: unknown) => e as ParleyError);
    const running = ask();
    await started.wait;
    const queued = ask();
    await eventually(() => server.stats().load === 2, "the second request queued");
    await server.close();
    for (const outcome of await Promise.all([running, queued])) {
      expect(outcome).toMatchObject({
        code: ErrorCode.unavailable,
        message: expect.stringContaining("dp-closing-server"),
      });
    }
    expect(aborted).toBe(true);
  });

  it("refuses new requests beyond maxPendingRequests with overloaded", async () => {
    const server = await mesh.agent("dp-pending-server");
    const client = await mesh.agent("dp-pending-client", { maxPendingRequests: 2 });
    server.handle("hang", () => new Promise(() => {}));
    const hanging = [1, 2].map(() =>
      client.request("dp-pending-server", "hang", {}, { timeout: 10_000 }).catch(() => {}),
    );
    await expect(client.request("dp-pending-server", "hang")).rejects.toMatchObject({
      code: ErrorCode.overloaded,
    });
    await client.close();
    await Promise.all(hanging);
  });
});
