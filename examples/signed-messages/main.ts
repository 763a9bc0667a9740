/**
 * Signed messages: agents sign everything they send (Ed25519, in transport metadata). The bank
 * requires signatures: it serves Alice, whose key it trusts, and refuses a seed-style unsigned
 * stranger without a reply (a sender it cannot authenticate might be anyone), so the stranger's
 * request times out. Alice signs but does not require signatures: she still serves the stranger.
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
});

const bank = createAgent({
  id: "bank",
  transport: exampleTransport(),
  ...signed("bank"),
  requireSignatures: true,
});
const alice = createAgent({ id: "alice", transport: exampleTransport(), ...signed("alice") });
const stranger = createAgent({ id: "stranger", transport: exampleTransport() }); // unsigned, like a seed agent
alice.handle("greet", (_payload, ctx) => ({ hello: ctx.sender }));
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
console.log("[stranger]", await stranger.request("alice", "greet"));
try {
  await stranger.request("bank", "withdraw", { amount: 1000 }, { timeout: 1000 });
} catch (error) {
  if (!isParleyError(error)) throw error;
  console.log(`[stranger] ${error.code}: ${error.message}`);
}
for (const agent of [bank, alice, stranger]) await agent.close();
