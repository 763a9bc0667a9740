import { beforeAll, expect, it } from "vitest";
import { ErrorCode } from "../../src/index.js";
import type { Mesh } from "./mesh.js";
import { conformanceSection } from "./section.js";
import { useMesh } from "./suite-setup.js";

export const pools = conformanceSection("worker pools", (target) => {
  const meshOf = useMesh(target);
  let mesh: Mesh;
  beforeAll(() => {
    mesh = meshOf();
  });

  if (target.features.groups) {
    it("hands each request to exactly one member of the pool, which answers as the pool", async () => {
      const handledBy = new Map<number, string[]>();
      for (const id of ["pool-w1", "pool-w2", "pool-w3"]) {
        const worker = await mesh.agent(id, { pools: ["pool-workers"] });
        worker.handle<{ n: number }>("work", ({ n }) => {
          handledBy.set(n, [...(handledBy.get(n) ?? []), id]);
          return { n, by: id };
        });
      }
      const client = await mesh.agent("pool-client");
      const ns = Array.from({ length: 30 }, (_, i) => i);
      const results = await Promise.all(
        ns.map((n) => client.request<{ n: number; by: string }>("pool-workers", "work", { n })),
      );
      expect(results.map((r) => r.n)).toEqual(ns);
      for (const n of ns) expect(handledBy.get(n)).toHaveLength(1);
      expect(new Set(results.map((r) => r.by)).size).toBeGreaterThan(1);
    });
  } else {
    it("refuses to join a pool, saying the transport has no groups", async () => {
      const worker = mesh.createAgent("pool-refused", { pools: ["pool-workers"] });
      await expect(worker.connect()).rejects.toMatchObject({
        code: ErrorCode.unavailable,
        message: expect.stringMatching(/no groups/),
      });
    });
  }
});
