/**
 * MCP tool names are `[A-Za-z0-9._-]{1,128}`; Parley request types are any non-empty string. A
 * type that fits is its own tool name (the usual case: `knowledge_search`); others have every
 * other character replaced by `_` and are cut to 128 characters. When two types would get the
 * same name, the one first in sorted order keeps it and the others are left out (and logged).
 */

const TOOL_NAME = /^[A-Za-z0-9._-]{1,128}$/;

/** The tool name of a request type. */
export function toolNameOf(requestType: string): string {
  if (TOOL_NAME.test(requestType)) return requestType;
  return requestType.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 128);
}
