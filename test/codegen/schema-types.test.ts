/**
 * The hand-written wire types in src/ say what the schemas say: the envelope type matches
 * schemas/envelope.schema.json (its two optional keys read as null), and every card an agent
 * announces is a valid `agent_info` of the `agent_announcement` contract.
 */
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";
import { afterEach, expect, it } from "vitest";
import { compileWith } from "./codegen-fixtures.js";

const src = (path: string) => fileURLToPath(new URL(`../../src/${path}`, import.meta.url));

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

it("src/wire/envelope.ts and src/presence/agent-card.ts agree with the schemas", async () => {
  await mkdir(new URL("../../.scratch/", import.meta.url), { recursive: true });
  const schema = JSON.parse(
    await readFile(new URL("../../schemas/envelope.schema.json", import.meta.url), "utf8"),
  ) as Parameters<typeof compile>[0];
  const wire = await compile(schema, "WireEnvelope", {
    bannerComment: "",
    additionalProperties: false,
  });
  const check = `/// <reference types="node" />
import type { Envelope } from ${JSON.stringify(src("wire/envelope.js"))};
import type { AgentCard } from ${JSON.stringify(src("presence/agent-card.js"))};
import type { AgentInfo } from ${JSON.stringify(src("generated/types.js"))};
import type { Envelope as WireEnvelope } from "./wire-envelope.js";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const envelopeIsTheSchemas: Same<Envelope, Required<WireEnvelope>> = true;
export const everyEnvelopeIsValid = (e: Envelope): WireEnvelope => e;
export const everyCardIsValidAgentInfo = (card: AgentCard): AgentInfo => ({
  ...card,
  capabilities: [...card.capabilities],
  request_types: [...card.request_types],
  pools: [...card.pools],
});
`;
  // Inside the checkout (ignored by git), so that src/'s Node types resolve.
  const dir = await mkdtemp(
    fileURLToPath(new URL("../../.scratch/schema-types-", import.meta.url)),
  );
  cleanup = () => rm(dir, { recursive: true, force: true });
  const errors = await compileWith(
    dir,
    [],
    [
      { path: "wire-envelope.ts", contents: wire },
      { path: "check.ts", contents: check },
    ],
  );
  expect(errors).toEqual([]);
});
