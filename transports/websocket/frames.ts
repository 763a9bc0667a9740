/**
 * The hub's frame protocol, specified for implementers in `docs/hub-protocol.md`: one WebSocket
 * text message is one frame, a one-line JSON header with a `type`, and for `pub` and `msg` the
 * message body after the header's newline, as it is (the hub reads only the header and forwards
 * the body untouched; no JSON escaping of the envelope inside). Bodies that are not UTF-8 travel
 * as base64 with `encoding: "base64"` (see `body-encoding.ts`). Binary WebSocket messages are
 * refused. Writing frames: `frame-serializer.ts`; reading and checking them: `frame-parser.ts`.
 *
 * One frame format, {@link FRAME_FORMAT}: both ends ship in one package, so the hub and the
 * client state it in `hello` and `welcome` and refuse a peer that says anything else, with a
 * reason a user can act on, instead of negotiating down to an older format.
 */
import type { TransportFeatures } from "../transport.js";
import type { FrameBody } from "./body-encoding.js";

export { FrameError } from "./frame-fields.js";

/**
 * The frame format this hub and client speak; `hello` and `welcome` must say it. Format 3: the
 * body follows the header line, and an `ack { id }` answers the frame `id` and every frame the
 * client sent before it that is still waiting (so the hub sends one ack per read).
 */
export const FRAME_FORMAT = 3;

/** WebSocket close codes the hub uses (4000-4999 is the application range). */
export const HubCloseCode = {
  /** Normal closure, after a `bye`. */
  normal: 1000,
  /** The hub has its most connections open (`maxConnections`): reconnect later. */
  tryAgainLater: 1013,
  /** The first frame was not a valid `hello` (or named another frame format). */
  badHello: 4400,
  /** The token was missing or refused. */
  unauthorized: 4401,
  /** Another connection said hello with the same client id. */
  takenOver: 4409,
} as const;
export type HubCloseCode = (typeof HubCloseCode)[keyof typeof HubCloseCode];

/** What a Parley hub offers (announced in `welcome`; clients report it before connecting). */
export const HUB_FEATURES: TransportFeatures = {
  retained: true,
  lastWill: true,
  groups: true,
  metadata: true,
  expiry: true,
};

/** A Last Will as carried in `hello`. */
export interface WillFrame extends FrameBody {
  readonly address: string;
  readonly retain?: boolean;
}

/** First frame of a connection: who the client is, its frame format, token and Last Will. */
export interface HelloFrame {
  readonly type: "hello";
  readonly clientId: string;
  /** The frame format the client speaks; the hub refuses one that is not {@link FRAME_FORMAT}. */
  readonly frameFormat?: number;
  readonly token?: string;
  readonly will?: WillFrame;
}
/** Subscribe; `id` names the subscription in later `msg` frames. */
export interface SubFrame {
  readonly type: "sub";
  readonly id: string;
  readonly pattern: string;
  readonly group?: string;
}
/** Drop the subscription `id`. */
export interface UnsubFrame {
  readonly type: "unsub";
  readonly id: string;
}
/** Publish; with `id`, the hub acks once it has routed (or held) the message. */
export interface PubFrame extends FrameBody {
  readonly type: "pub";
  readonly address: string;
  readonly retain?: boolean | undefined;
  readonly expirySeconds?: number | undefined;
  readonly metadata?: Readonly<Record<string, string>> | undefined;
  readonly id?: string | undefined;
}
/** Clean goodbye: no Last Will. */
export interface ByeFrame {
  readonly type: "bye";
}
/** Frames a client sends. */
export type ClientFrame = HelloFrame | SubFrame | UnsubFrame | PubFrame | ByeFrame;

/** Hello accepted: what the hub offers, the largest frame it takes, its frame format. */
export interface WelcomeFrame {
  readonly type: "welcome";
  readonly features: TransportFeatures;
  readonly maxFrameBytes: number;
  /** The hub's frame format; a client refuses a hub that does not say {@link FRAME_FORMAT}. */
  readonly frameFormat?: number;
}
/** A delivered message, once per client, naming every matching subscription. */
export interface MsgFrame extends FrameBody {
  readonly type: "msg";
  readonly subs: readonly string[];
  readonly address: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly retained: boolean;
}
/** The frame `id` and every earlier frame of the connection still waiting succeeded. */
export interface AckFrame {
  readonly type: "ack";
  readonly id: string;
}
/** A frame was refused (`id` names it where it had one). */
export interface ErrorFrame {
  readonly type: "error";
  readonly message: string;
  readonly id?: string;
}
/** Frames the hub sends. */
export type HubFrame = WelcomeFrame | MsgFrame | AckFrame | ErrorFrame;

/**
 * Why a peer that says frame format `announced` cannot be served, for the refusal a user reads;
 * undefined when it speaks {@link FRAME_FORMAT}. `side`: whose message it is (the other end is
 * the one that says `announced`).
 */
export function frameFormatMismatch(
  announced: number | undefined,
  side: "hub" | "client",
): string | undefined {
  if (announced === FRAME_FORMAT) return undefined;
  const other = side === "hub" ? "client" : "hub";
  const said =
    announced === undefined ? "no frame format (an older version)" : `frame format ${announced}`;
  const upgrade = announced !== undefined && announced > FRAME_FORMAT ? side : other;
  return `${side} speaks frame format ${FRAME_FORMAT}, the ${other} said ${said}: upgrade parley-a2a on the ${upgrade}`;
}
