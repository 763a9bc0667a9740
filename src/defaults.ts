/**
 * The defaults of an agent's options, as constants (each option's TSDoc names its `@default`),
 * and `PresenceMode`, the values of the `presence` option (an application writes the string).
 * @module parley-a2a/defaults
 */

export {
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_CONCURRENCY,
  DEFAULT_HEARTBEAT_INTERVAL_MS,
  DEFAULT_MAX_DIRECTORY_BYTES,
  DEFAULT_MAX_DIRECTORY_SIZE,
  DEFAULT_MAX_PENDING_REQUESTS,
  DEFAULT_MAX_QUEUE,
  DEFAULT_MAX_QUEUE_BYTES,
  DEFAULT_MAX_STREAM_BUFFER_BYTES,
  DEFAULT_MAX_STREAM_BUFFER_PARTS,
  DEFAULT_MAX_STREAM_BUFFER_TOTAL_BYTES,
  DEFAULT_OFFLINE_GRACE_MS,
  DEFAULT_PRESENCE_MODE,
  DEFAULT_QOS,
  DEFAULT_REPLAY_CACHE_SIZE,
  DEFAULT_REPLAY_WINDOW_MS,
  DEFAULT_RESPONSE_CACHE_BYTES,
  DEFAULT_RESPONSE_CACHE_SIZE,
  DEFAULT_TIMEOUT_MS,
  PresenceMode,
} from "./agent/options.js";
export { DEFAULT_DELEGATION_STRATEGY } from "./outbound/delegation.js";
export { DEFAULT_MAX_MESSAGE_BYTES } from "./wire/envelope-decoder.js";
