/**
 * Headless Chromium (the Debian package, never a downloaded one) and a page served from a local
 * http server under a strict Content-Security-Policy, for tests that run Parley in a browser.
 * The page records every CSP violation before any of its own code runs.
 */
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { build } from "esbuild";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
/** Playwright's `launch` gives each browser a fresh temporary profile of its own. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches the system Chromium; throws naming the package when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Bundles for the browser as one ES module, with esbuild's metafile: `entry` is a path, or
 * module source resolved from `resolveDir`.
 */
export async function bundleForBrowser(
  entry: string | { readonly contents: string; readonly resolveDir: string },
) {
  const result = await build({
    ...(typeof entry === "string" ? { entryPoints: [entry] } : { stdin: entry }),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error("esbuild produced no output");
  return { code: file.text, metafile: result.metafile };
}

/** The policy of the served page: only its own scripts, no `unsafe-eval`. */
export const STRICT_CSP = "script-src 'self'; connect-src 'self' ws://127.0.0.1:*";

/** Runs first (a classic script), so violations by the module that follows are recorded too. */
const WATCH_CSP = `window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.cspViolations.push(e.violatedDirective + " " + (e.blockedURI || e.sourceFile)));`;

/** A local http server for one page that loads `script` as a module, under {@link STRICT_CSP}. */
export async function serveStrictPage(script: string) {
  const files: Record<string, [type: string, body: string]> = {
    "/": [
      "text/html",
      `<!doctype html><meta charset="utf-8"><title>parley</title>
<script src="/watch-csp.js"></script><script type="module" src="/page.js"></script>`,
    ],
    "/watch-csp.js": ["text/javascript", WATCH_CSP],
    "/page.js": ["text/javascript", script],
  };
  const server = createServer((request, response) => {
    const file = files[request.url ?? ""];
    if (!file) {
      // No favicon: an empty answer, not a 404 the page would log as an error.
      response.writeHead(request.url === "/favicon.ico" ? 204 : 404).end();
      return;
    }
    response.writeHead(200, { "content-type": file[0], "content-security-policy": STRICT_CSP });
    response.end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A page and what went wrong in it: CSP violations, uncaught errors, console errors. */
export interface WatchedPage {
  readonly page: Page;
  problems(): Promise<string[]>;
}

/** Opens `url` in a new tab; its scripts have run (or failed) when this resolves. */
export async function openWatchedPage(browser: Browser, url: string): Promise<WatchedPage> {
  const page = await browser.newPage();
  const seen: string[] = [];
  page.on("pageerror", (error) => seen.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") seen.push(`console error: ${message.text()}`);
  });
  // "load" comes after the module script ran.
  await page.goto(url, { waitUntil: "load" });
  const problems = async () => {
    const violations = await page.evaluate(
      () => (window as unknown as { cspViolations: string[] }).cspViolations,
    );
    // ajv's refused code comes along in full otherwise: the first line is enough to say what.
    return [...violations.map((v) => `CSP violation: ${v}`), ...seen].map((p) => p.slice(0, 300));
  };
  return { page, problems };
}
