/**
 * What the conformance suite needs from each transport under test: a way to make transports on
 * one broker (or network), to cut one's connection, and the features it declares. The project
 * registers one target per transport in `test/conformance/targets.ts`; a user writes one for
 * their own transport and passes it to `describeTransportConformance`.
 */
import type { Transport, TransportFeatures } from "../../transports/transport.js";

/** One environment (a broker or network) in which transports for agents can be made. */
export interface ConformanceEnvironment {
  /** A new, unconnected transport on this environment. */
  createTransport(): Transport;
  /**
   * Cuts one transport's connection uncleanly (as a crash would): the broker notices, publishes its
   * Last Will where there is one. The transport may reconnect afterwards.
   */
  dropConnection(transport: Transport): Promise<void>;
  /** Stops and starts the broker on the same address (where the environment has a broker process). */
  restartBroker?(): Promise<void>;
  /** Frees everything (brokers, processes, ports). Always called. */
  teardown(): Promise<void>;
}

/** One row of the suite's table. */
export interface ConformanceTarget {
  /** Shown in test names: `memory`, `mqtt5 on mosquitto`, ... */
  readonly name: string;
  /**
   * What the transport is expected to support on this broker; the suite asserts the transport's
   * own `features` say the same, and tests that need a feature check this table, so a missing
   * feature is declared here, never silently skipped.
   */
  readonly features: TransportFeatures;
  /** The environment runs a broker process that `restartBroker()` kills and starts again. */
  readonly brokerRestart: boolean;
  setup(): Promise<ConformanceEnvironment>;
}
