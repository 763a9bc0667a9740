/**
 * Signed messages: agents sign everything they send (Ed25519, in transport metadata) and refuse
 * unsigned or forged messages. A seed-style unsigned agent is refused by the bank, but still
 * served by an agent that does not require signatures.
 *
 *   npx tsx examples/signed-messages/main.ts [URL]    (needs metadata: MQTT 5, NATS, hub, memory)
 */
import { createAgent, isParleyError } from "../../src/index.js";
import { createEd25519Signer, createTrustStore, generateSigningKeys } from "../../src/signing.js";
import { exampleTransport } from "../example-transport.js";

const keys = { bank: generateSigningKeys(), alice: generateSigningKeys() };
const trustStore = createTrustStore({
  bank: { k1: keys.bank.publicKey },
  alice: { k1: keys.alice.publicKey },
});
const signed = (id: keyof typeof keys) => ({
  signer: createEd25519Signer({ keyId: "k1", privateKey: keys[id].privateKey }),
  trustStore,
  requireSignatures: true,
});

const bank = createAgent({ id: "bank", transport: exampleTransport(), ...signed("bank") });
const alice = createAgent({ id: "alice", transport: exampleTransport(), ...signed("alice") });
const stranger = createAgent({ id: "stranger", transport: exampleTransport() }); // unsigned, like a seed agent
bank.handle<{ amount: number }>("withdraw", ({ amount }, ctx) => ({
  ok: true,
  amount,
  to: ctx.sender,
}));
bank.on("message:rejected", ({ error, envelope }) => {
  if (envelope?.message_type === "request")
    console.log(`[bank] refused a request: ${error.code}: ${error.message}`);
});

for (const agent of [bank, alice, stranger]) await agent.connect();
console.log("[alice]", await alice.request("bank", "withdraw", { amount: 20 }));
try {
  await stranger.request("bank", "withdraw", { amount: 1000 });
} catch (error) {
  if (!isParleyError(error)) throw error;
  console.log(`[stranger] ${error.code}: ${error.message}`);
}
for (const agent of [bank, alice, stranger]) await agent.close();
