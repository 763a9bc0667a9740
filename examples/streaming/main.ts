/**
 * Streaming and cancellation: a "model" agent streams tokens as it generates them; the caller
 * prints them as they come, then cancels a second, endless generation halfway.
 *
 *   npx tsx examples/streaming/main.ts [URL]
 */
import { createAgent, ErrorCode, isParleyError } from "../../src/index.js";
import { exampleTransport } from "../example-transport.js";

const model = createAgent({ id: "model", transport: exampleTransport() });
const app = createAgent({ id: "app", transport: exampleTransport() });

model.handle<{ prompt: string }>("generate", async function* ({ prompt }, ctx) {
  const words = `You asked: ${prompt}. Here is a long and thoughtful answer.`.split(" ");
  for (const word of words) {
    if (ctx.signal.aborted) break; // the caller cancelled: stop generating
    await new Promise((r) => setTimeout(r, 10));
    yield { token: word };
  }
  return { tokens: words.length, finish_reason: ctx.signal.aborted ? "cancelled" : "stop" };
});

model.handle("generate_forever", async function* (_request, ctx) {
  let n = 0;
  try {
    while (!ctx.signal.aborted) {
      await new Promise((r) => setTimeout(r, 5));
      yield { token: `t${n++}` };
    }
    return { tokens: n };
  } finally {
    // Runs when the caller cancels, too: the runtime stops the generator at its current yield.
    console.log(`[model] generation stopped after ${n} tokens (${String(ctx.signal.reason)})`);
  }
});

await model.connect();
await app.connect();

process.stdout.write("[app] ");
for await (const event of app.stream<{ token: string }>("model", "generate", {
  prompt: "what is Parley?",
})) {
  if (event.kind === "part") process.stdout.write(`${event.data.token} `);
  else console.log(`\n[app] done: ${JSON.stringify(event.data)}`);
}

const controller = new AbortController();
let received = 0;
try {
  for await (const event of app.stream(
    "model",
    "generate_forever",
    {},
    { signal: controller.signal },
  )) {
    if (event.kind === "part" && ++received === 20) controller.abort();
  }
} catch (error) {
  if (!isParleyError(error) || error.code !== ErrorCode.cancelled) throw error;
  console.log(`[app] cancelled after ${received} tokens`);
}
await new Promise((r) => setTimeout(r, 50)); // let the model notice before closing
await app.close();
await model.close();
