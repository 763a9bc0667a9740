/**
 * Just enough NATS decentralized auth for tests: an operator, an account and a user as signed JWTs
 * (ed25519-nkey), the server configuration that trusts them, and the user's creds file.
 */
import { randomUUID } from "node:crypto";
import { nkeys } from "@nats-io/nats-core";

type KeyPair = ReturnType<typeof nkeys.createUser>;

function b64url(bytes: Uint8Array | string): string {
  return Buffer.from(typeof bytes === "string" ? bytes : Buffer.from(bytes)).toString("base64url");
}

function encode(claims: Record<string, unknown>, signer: KeyPair): string {
  const header = b64url(JSON.stringify({ typ: "JWT", alg: "ed25519-nkey" }));
  const payload = b64url(
    JSON.stringify({
      jti: randomUUID().replaceAll("-", "").toUpperCase(),
      iat: Math.floor(Date.now() / 1000),
      ...claims,
    }),
  );
  const signature = b64url(signer.sign(new TextEncoder().encode(`${header}.${payload}`)));
  return `${header}.${payload}.${signature}`;
}

const UNLIMITED = { subs: -1, data: -1, payload: -1 };

/** A trust chain; `serverConfig` goes into nats-server's config file, `creds` into a .creds file. */
export function createNatsTrustChain(userName: string): { serverConfig: string; creds: string } {
  const operator = nkeys.createOperator();
  const account = nkeys.createAccount();
  const user = nkeys.createUser();
  const operatorJwt = encode(
    {
      iss: operator.getPublicKey(),
      sub: operator.getPublicKey(),
      name: "parley-test",
      nats: { type: "operator", version: 2 },
    },
    operator,
  );
  const accountJwt = encode(
    {
      iss: operator.getPublicKey(),
      sub: account.getPublicKey(),
      name: "parley",
      nats: {
        limits: { ...UNLIMITED, imports: -1, exports: -1, wildcards: true, conn: -1, leaf: -1 },
        default_permissions: { pub: {}, sub: {} },
        type: "account",
        version: 2,
      },
    },
    operator,
  );
  const userJwt = encode(
    {
      iss: account.getPublicKey(),
      sub: user.getPublicKey(),
      name: userName,
      nats: { pub: {}, sub: {}, ...UNLIMITED, type: "user", version: 2 },
    },
    account,
  );
  const serverConfig = `operator: ${operatorJwt}\nresolver: MEMORY\nresolver_preload: {\n  ${account.getPublicKey()}: ${accountJwt}\n}\n`;
  const creds = `-----BEGIN NATS USER JWT-----\n${userJwt}\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n${new TextDecoder().decode(user.getSeed())}\n------END USER NKEY SEED------\n`;
  return { serverConfig, creds };
}
