/**
 * The README stays a first screen, and no relative link or anchor in it or in docs/ leads
 * nowhere (a page moved, a heading renamed).
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoPath } from "../harness/seed-python.js";
import { brokenLinks, headingAnchors, markdownFiles, relativeLinks } from "./markdown-links.js";

const pages = [repoPath("README.md"), ...markdownFiles(repoPath("docs"))];

it("keeps the README to at most 250 lines", () => {
  const lines = readFileSync(repoPath("README.md"), "utf8").trimEnd().split("\n").length;
  expect(lines).toBeLessThanOrEqual(250);
});

it("has a docs index that links every page under docs/", () => {
  const index = repoPath("docs/README.md");
  const linked = new Set(relativeLinks(readFileSync(index, "utf8")).map((t) => t.split("#")[0]));
  const unlinked = markdownFiles(repoPath("docs"))
    .map((file) => relative(repoPath("docs"), file))
    .filter((page) => page !== "README.md" && !linked.has(page));
  expect(unlinked).toEqual([]);
});

describe.each(pages.map((page) => [relative(repoPath(), page), page]))("%s", (_, page) => {
  it("has only relative links to files and headings that exist", () => {
    expect(brokenLinks(page, repoPath())).toEqual([]);
  });
});

describe("the link checker", () => {
  it("finds a missing file, a missing heading, and ignores links in code and URLs", () => {
    const markdown = [
      "# A `code` heading (with punctuation)",
      "[ok](#a-code-heading-with-punctuation) [bad](#nope) [web](https://example.com)",
      "`[not a link](missing.md)`",
      "```",
      "[not a link either](missing.md)",
      "```",
    ].join("\n");
    expect(relativeLinks(markdown)).toEqual(["#a-code-heading-with-punctuation", "#nope"]);
    expect(headingAnchors(markdown)).toEqual(new Set(["a-code-heading-with-punctuation"]));
  });

  it("numbers repeated headings as GitHub does", () => {
    expect(headingAnchors("## Options\n\n## Options\n")).toEqual(new Set(["options", "options-1"]));
  });
});
