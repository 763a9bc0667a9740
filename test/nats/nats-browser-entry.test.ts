/**
 * The browser entry point of the NATS transport (`transports/nats/browser.ts`): it bundles for the
 * browser without Node modules, `ws` or nats.js's Node transport, and takes WebSocket servers only.
 * (Running it in a browser against a nats-server is the browser suite's part.)
 */
import { build } from "esbuild";
import { expect, it } from "vitest";
import { createNatsTransport } from "../../transports/nats/browser.js";

it("bundles for the browser platform without Node-only modules", async () => {
  const entry = new URL("../../transports/nats/browser.ts", import.meta.url).pathname;
  // Bundling for the browser fails on any import of a Node built-in module.
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs.some((path) => path.includes("node_modules/@nats-io/nats-core/"))).toBe(true);
  // `ws` has a browser stub that would bundle fine and throw at run time: it must not be reached.
  expect(
    inputs.filter((path) => /node_modules\/(ws|@nats-io\/transport-node)\//.test(path)),
  ).toEqual([]);
});

it("refuses TCP servers, which a browser cannot dial, and accepts ws:// and wss:// ones", () => {
  expect(() => createNatsTransport({ url: "nats://127.0.0.1:4222" })).toThrow(
    new TypeError(
      "nats transport: this runtime reaches NATS over WebSocket only; give ws:// or wss:// servers",
    ),
  );
  expect(() =>
    createNatsTransport({ servers: ["ws://127.0.0.1:8080", "wss://nats.example"] }),
  ).not.toThrow();
});
