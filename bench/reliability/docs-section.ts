/**
 * Writes the latest results into docs/reliability.md, between two marker comments (the rest of
 * the page belongs to its authors), and the full results into docs/reliability.json. Only the
 * latest run is kept: no history.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export const START_MARKER = "<!-- reliability-results:start -->";
export const END_MARKER = "<!-- reliability-results:end -->";

/** The package's docs folder, found from here both under tsx and in the tsc output (one level deeper). */
function docsDir(): URL {
  for (let dir = new URL("./", import.meta.url); dir.pathname !== "/"; dir = new URL("../", dir))
    if (existsSync(new URL("package.json", dir)) && existsSync(new URL("docs/", dir)))
      return new URL("docs/", dir);
  throw new Error("no package.json above the reliability harness");
}

/** `body` between the markers of `page`; a page without them gets the section at its end. */
export function replaceSection(page: string, body: string): string {
  const section = `${START_MARKER}\n${body.trim()}\n${END_MARKER}`;
  const start = page.indexOf(START_MARKER);
  const end = page.indexOf(END_MARKER);
  if (start === -1 || end < start) return `${page.trimEnd()}\n\n${section}\n`;
  return page.slice(0, start) + section + page.slice(end + END_MARKER.length);
}

export function writeResults(markdown: string, json: unknown): void {
  const page = new URL("reliability.md", docsDir());
  const jsonFile = new URL("reliability.json", docsDir());
  const text = existsSync(page) ? readFileSync(page, "utf8") : "# Reliability\n";
  writeFileSync(page, replaceSection(text, markdown));
  writeFileSync(jsonFile, `${JSON.stringify(json, null, 2)}\n`);
}
