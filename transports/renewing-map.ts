/**
 * The renewing map lives with the core now (`src/util/renewing-map.ts`); this keeps the old path
 * for transports/websocket, whose owner moves its import there.
 */
export { RenewingMap } from "../src/util/renewing-map.js";
