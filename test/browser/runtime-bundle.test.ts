/**
 * The built entry points a web page bundles (the package's `browser` condition where it has one,
 * else `import`) reach neither ajv nor code compiled at run time: a page needs no `unsafe-eval`
 * in its Content-Security-Policy, and its bundle carries no schema compiler. Reads `dist/`, which
 * `npm test` builds first (`npm run build` before a targeted run).
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleForBrowser } from "../harness/chromium-page.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
/** The package's entry points that run in a browser. */
const BROWSER_ENTRIES = [
  ".",
  "./transports/websocket",
  "./transports/mqtt",
  "./transports/nats/browser",
  "./transports/memory",
];

type Conditions = Readonly<Record<string, string>>;
const exportsMap = (
  JSON.parse(readFileSync(`${root}package.json`, "utf8")) as {
    exports: Readonly<Record<string, Conditions>>;
  }
).exports;

/** The file a browser bundler picks for `entry`. */
function browserFile(entry: string): string {
  const conditions = exportsMap[entry];
  const file = conditions?.browser ?? conditions?.import;
  if (file === undefined) throw new Error(`package.json exports no ${entry}`);
  return `${root}${file}`;
}

describe("the built runtime bundled for a browser", () => {
  let code = "";
  let inputs: string[] = [];

  beforeAll(async () => {
    const files = BROWSER_ENTRIES.map(browserFile);
    const missing = files.filter((f) => !existsSync(f));
    if (missing.length > 0) throw new Error(`not built (npm run build): ${missing.join(", ")}`);
    const bundle = await bundleForBrowser({
      contents: files.map((f, i) => `export * as e${i} from ${JSON.stringify(f)};`).join("\n"),
      resolveDir: root,
    });
    code = bundle.code;
    inputs = Object.keys(bundle.metafile.inputs);
  });

  it("takes the MQTT transport's browser entry, without the embedded broker", () => {
    expect(browserFile("./transports/mqtt")).toMatch(/transports\/mqtt\/browser\.js$/);
    expect(inputs.filter((i) => /node_modules\/aedes\//.test(i))).toEqual([]);
    expect(inputs.some((i) => /node_modules\/mqtt\/dist\/mqtt\.esm\.js$/.test(i))).toBe(true);
  });

  it("reaches no ajv, and compiles no code at run time", () => {
    expect(inputs.filter((i) => /node_modules\/ajv(-formats)?\//.test(i))).toEqual([]);
    expect(code).not.toMatch(/new Function\s*\(/);
    expect(code).not.toMatch(/[^\w.]eval\s*\(/);
  });
});
