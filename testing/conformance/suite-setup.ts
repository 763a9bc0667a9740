/** Per-target set-up shared by the conformance files: one environment and mesh per target. */
import { afterAll, beforeAll } from "vitest";
import { createMesh, type Mesh } from "./mesh.js";
import type { ConformanceEnvironment, ConformanceTarget } from "./target.js";

/** Registers hooks that create the target's environment and a mesh on it; returns a getter. */
export function useMesh(target: ConformanceTarget): () => Mesh {
  let env: ConformanceEnvironment | undefined;
  let mesh: Mesh | undefined;
  beforeAll(async () => {
    env = await target.setup();
    mesh = createMesh(env);
  });
  afterAll(async () => {
    await mesh?.close();
    await env?.teardown();
  });
  return () => {
    if (!mesh) throw new Error("mesh not set up");
    return mesh;
  };
}
