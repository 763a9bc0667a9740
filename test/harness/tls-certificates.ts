/**
 * A throw-away certificate authority with a server certificate for 127.0.0.1 and a client
 * certificate, made with the system's openssl in a temporary directory.
 *
 * The server certificate also names `localhost`: nats.js 2 upgrades its socket to TLS without a
 * server name when the URL's host is an IP, so Node checks the certificate against "localhost".
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const OPENSSL = "/usr/bin/openssl";
const EC_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

/** Paths (for broker config files) and PEM text (for clients) of the generated material. */
export interface TestCertificates {
  readonly dir: string;
  readonly caFile: string;
  readonly serverCertFile: string;
  readonly serverKeyFile: string;
  readonly ca: string;
  readonly clientCert: string;
  readonly clientKey: string;
  /** Removes the directory. */
  remove(): Promise<void>;
}

async function issue(
  dir: string,
  name: string,
  subject: string,
  extensions: string,
): Promise<void> {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const ext = join(dir, `${name}.ext`);
  await writeFile(ext, `${extensions}\n`);
  await run(OPENSSL, ["req", ...EC_KEY, "-keyout", key, "-out", csr, "-subj", subject]);
  await run(OPENSSL, [
    "x509",
    "-req",
    "-in",
    csr,
    "-CA",
    join(dir, "ca.crt"),
    "-CAkey",
    join(dir, "ca.key"),
    "-CAcreateserial",
    "-days",
    "1",
    "-extfile",
    ext,
    "-out",
    join(dir, `${name}.crt`),
  ]);
}

/** Creates a CA, a server certificate for IP 127.0.0.1 (and localhost) and a client certificate. */
export async function createTestCertificates(): Promise<TestCertificates> {
  if (!existsSync(OPENSSL))
    throw new Error(`${OPENSSL} not found: install it with "apt-get install -y openssl"`);
  const dir = await mkdtemp(join(tmpdir(), "parley-tls-"));
  try {
    const caKey = join(dir, "ca.key");
    const caFile = join(dir, "ca.crt");
    await run(OPENSSL, [
      "req",
      "-x509",
      ...EC_KEY,
      "-keyout",
      caKey,
      "-out",
      caFile,
      "-days",
      "1",
      "-subj",
      "/CN=parley-test-ca",
    ]);
    await issue(dir, "server", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1,DNS:localhost");
    await issue(dir, "client", "/CN=parley-test-client", "extendedKeyUsage=clientAuth");
    // Brokers started as root (mosquitto) drop privileges before they read these files.
    await chmod(dir, 0o755);
    for (const name of await readdir(dir)) await chmod(join(dir, name), 0o644);
    const read = (name: string) => readFile(join(dir, name), "utf8");
    return {
      dir,
      caFile,
      serverCertFile: join(dir, "server.crt"),
      serverKeyFile: join(dir, "server.key"),
      ca: await read("ca.crt"),
      clientCert: await read("client.crt"),
      clientKey: await read("client.key"),
      remove: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
