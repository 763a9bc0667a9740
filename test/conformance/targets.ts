/** Every transport the conformance suite runs against. */

import type { ConformanceTarget } from "../../testing/index.js";
import { memoryTarget } from "./targets/memory.js";
import { mqttTargets } from "./targets/mqtt.js";
import { natsTarget } from "./targets/nats.js";
import { websocketTarget } from "./targets/websocket.js";
import { websocketBridgedTarget } from "./targets/websocket-bridged.js";

export const targets: readonly ConformanceTarget[] = [
  memoryTarget,
  ...mqttTargets,
  natsTarget,
  websocketTarget,
  websocketBridgedTarget,
];
