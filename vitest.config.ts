import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/system-packages.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Brokers are real processes; a slow shared machine needs the headroom more than the speed.
    maxWorkers: 2,
  },
});
