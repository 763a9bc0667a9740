/** Per-target set-up shared by the conformance files: one environment and mesh per target. */
import { afterAll, beforeAll } from "vitest";
import { createMesh, type Mesh } from "./mesh.js";
import type { ConformanceEnvironment, ConformanceTarget } from "./target.js";

/** Starting and stopping a target's brokers may take long on a busy machine. */
const SETUP_TIMEOUT_MS = 60_000;

/** Registers hooks that create the target's environment and a mesh on it; returns a getter. */
export function useMesh(target: ConformanceTarget): () => Mesh {
  let env: ConformanceEnvironment | undefined;
  let mesh: Mesh | undefined;
  beforeAll(async () => {
    env = await target.setup();
    mesh = createMesh(env);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await mesh?.close();
    await env?.teardown();
  }, SETUP_TIMEOUT_MS);
  return () => {
    if (!mesh) throw new Error("mesh not set up");
    return mesh;
  };
}
