/**
 * ANSI colours for people at a terminal, nothing for pipes and files. NO_COLOR (any non-empty
 * value, https://no-color.org) turns them off.
 */

/** Wraps text in one colour, or returns it unchanged when colours are off. */
export type Paint = (text: string) => string;

/** The colours the CLI uses. */
export interface TerminalStyle {
  readonly enabled: boolean;
  readonly dim: Paint;
  readonly bold: Paint;
  readonly red: Paint;
  readonly green: Paint;
  readonly yellow: Paint;
  readonly blue: Paint;
  readonly magenta: Paint;
  readonly cyan: Paint;
}

/** True when output to `stream` should be coloured. */
export function colourWanted(
  stream: { readonly isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return stream.isTTY === true;
}

function sgr(open: number, close: number, enabled: boolean): Paint {
  return enabled ? (text) => `\u001b[${open}m${text}\u001b[${close}m` : (text) => text;
}

/** A style with colours on or off. */
export function createTerminalStyle(enabled: boolean): TerminalStyle {
  return {
    enabled,
    dim: sgr(2, 22, enabled),
    bold: sgr(1, 22, enabled),
    red: sgr(31, 39, enabled),
    green: sgr(32, 39, enabled),
    yellow: sgr(33, 39, enabled),
    blue: sgr(34, 39, enabled),
    magenta: sgr(35, 39, enabled),
    cyan: sgr(36, 39, enabled),
  };
}
