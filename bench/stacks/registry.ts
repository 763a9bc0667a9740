/** Every benchmarked stack by name; a child process loads only the one it runs. */
import type { Stack } from "./stack.js";

export const stackLoaders = {
  parley: async () => (await import("./parley.js")).parley,
  parleyInProcess: async () => (await import("./parley.js")).parleyInProcess,
  rawMqtt: async () => (await import("./raw-mqtt.js")).rawMqtt,
  rawNats: async () => (await import("./raw-nats.js")).rawNats,
  natsEnvelopeFloor: async () => (await import("./nats-envelope-floor.js")).natsEnvelopeFloor,
  rawWs: async () => (await import("./raw-ws.js")).rawWs,
  rawWsRelayed: async () => (await import("./raw-ws.js")).rawWsRelayed,
  moleculer: async () => (await import("./moleculer.js")).moleculer,
  jsonFloor: async () => (await import("./json-floor.js")).jsonFloor,
  jsonRoundTripFloor: async () => (await import("./json-floor.js")).jsonRoundTripFloor,
} satisfies Record<string, () => Promise<Stack>>;

export type StackName = keyof typeof stackLoaders;
