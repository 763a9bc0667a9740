/**
 * Ed25519 signing and verification with node:crypto (the `parley-a2a/signing` entry point; the main
 * entry stays free of Node built-ins so agents also run in browsers).
 * @module parley-a2a/signing
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import type { MessageSigner, TrustStore } from "./wire/signatures.js";

export type { MessageSigner, TrustStore } from "./wire/signatures.js";

/** A new Ed25519 key pair, as PEM strings. */
export function generateSigningKeys(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return {
    publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

/** Signs with an Ed25519 private key (PEM or KeyObject). */
export function createEd25519Signer(options: {
  keyId: string;
  privateKey: string | KeyObject;
}): MessageSigner {
  const key =
    typeof options.privateKey === "string"
      ? createPrivateKey(options.privateKey)
      : options.privateKey;
  if (key.asymmetricKeyType !== "ed25519")
    throw new TypeError("the signing key must be an Ed25519 private key");
  return {
    keyId: options.keyId,
    sign: (bytes) => sign(null, bytes, key).toString("base64"),
  };
}

/** Agent id -> key id -> Ed25519 public key (PEM or KeyObject). */
export type TrustedKeys = Readonly<Record<string, Readonly<Record<string, string | KeyObject>>>>;

/** A trust store over a fixed set of agents' public keys. */
export function createTrustStore(keys: TrustedKeys): TrustStore {
  const store = new Map<string, Map<string, KeyObject>>();
  for (const [agentId, byId] of Object.entries(keys)) {
    store.set(
      agentId,
      new Map(
        Object.entries(byId).map(([keyId, key]) => [
          keyId,
          typeof key === "string" ? createPublicKey(key) : key,
        ]),
      ),
    );
  }
  return {
    knows: (agentId) => (store.get(agentId)?.size ?? 0) > 0,
    verify(agentId, keyId, bytes, signature) {
      const key = store.get(agentId)?.get(keyId);
      if (!key) return false;
      try {
        return verify(null, bytes, key, Buffer.from(signature, "base64"));
      } catch {
        return false;
      }
    },
  };
}
