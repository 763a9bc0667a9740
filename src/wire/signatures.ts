/**
 * Signed messages, platform-neutral. A signer signs the exact envelope bytes an agent publishes;
 * the key id and signature travel in transport metadata (`parley-kid`, `parley-sig`), so the
 * envelope keeps its nine keys and seed agents are unaffected. `parley-a2a/signing` has the Ed25519
 * implementation (node:crypto).
 */

/** Metadata keys that carry a signature. */
export const SignatureMetadata = { keyId: "parley-kid", signature: "parley-sig" } as const;

/** Signs outgoing messages. */
export interface MessageSigner {
  /** Names the key, so receivers pick the right public key. */
  readonly keyId: string;
  /** Signature of `bytes`, base64. */
  sign(bytes: Uint8Array): string;
}

/** Knows which public keys belong to which agents, and checks signatures with them. */
export interface TrustStore {
  /** True when the store has any key for `agentId`. */
  knows(agentId: string): boolean;
  /** True when `signature` (base64) over `bytes` verifies with `agentId`'s key `keyId`. */
  verify(agentId: string, keyId: string, bytes: Uint8Array, signature: string): boolean;
}
