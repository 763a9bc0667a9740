/** The example's own vitest configuration, as a project of yours would have one. */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { include: ["examples/testing/*.test.ts"] },
});
