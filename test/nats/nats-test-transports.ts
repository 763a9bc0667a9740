/** Shared by the NATS test files: text ⇄ bytes, and transports that are closed after each test. */
import {
  createNatsTransport,
  type NatsTransport,
  type NatsTransportOptions,
} from "../../transports/nats/index.js";

export const bytes = (value: string): Uint8Array => new TextEncoder().encode(value);
export const text = (data: Uint8Array): string => new TextDecoder().decode(data);

/** Makes connected NATS transports and remembers them for {@link TestTransports.closeAll}. */
export interface TestTransports {
  connected(clientId: string, options?: NatsTransportOptions): Promise<NatsTransport>;
  /** Closes every transport made so far; call it in `afterEach`. */
  closeAll(): Promise<void>;
}

/** `base` is read at each call, so it may name a server started later (in `beforeAll`). */
export function testTransports(base: () => NatsTransportOptions): TestTransports {
  const open: NatsTransport[] = [];
  return {
    async connected(clientId, options = {}) {
      const transport = createNatsTransport({ ...base(), ...options });
      open.push(transport);
      await transport.connect({ clientId });
      return transport;
    },
    async closeAll() {
      await Promise.all(open.splice(0).map((t) => t.close()));
    },
  };
}
