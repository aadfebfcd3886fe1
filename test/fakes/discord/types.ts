// Public shapes of the fake Discord: what a test configures, and what it can read back.
// Payloads that only travel to discord.js are plain JSON objects typed loosely (`Json`), because
// the point of the fake is to send what Discord sends, not to mirror discord-api-types.

// biome-ignore lint/suspicious/noExplicitAny: wire JSON is checked by discord.js, not by us.
export type Json = any;

export interface FakeUserInit {
  id: string;
  username: string;
  globalName?: string;
  /** Sending to this user's DM channel fails with 403 / 50007, as Discord does when DMs are closed. */
  dmsClosed?: boolean;
}

export interface FakeChannelInit {
  id: string;
  name: string;
  type: 'text' | 'voice';
  /** Passed through verbatim into the channel payload (the fake itself does not enforce them). */
  permissionOverwrites?: Json[];
  userLimit?: number;
}

export interface FakeRoleInit {
  id: string;
  name: string;
  /** Permission bit field, e.g. `PermissionFlagsBits.ManageGuild`. */
  permissions: bigint;
}

export interface FakeMemberInit {
  userId: string;
  roles?: string[];
  nick?: string;
}

export interface FakeGuildInit {
  id: string;
  name?: string;
  /** Defaults to the first member that is not the bot. */
  ownerId?: string;
  channels: FakeChannelInit[];
  roles?: FakeRoleInit[];
  /** Permissions of the @everyone role; a sensible default lets members talk and join voice. */
  everyonePermissions?: bigint;
  /** Human members (ids or details). The bot is always added as a member. */
  members: (string | FakeMemberInit)[];
  /** userId -> voice channel id, for users already sitting in voice when the bot connects. */
  voiceStates?: Record<string, string>;
  locale?: string;
}

export interface FakeDiscordOptions {
  /** The only token the fake accepts (REST `Authorization: Bot <token>` and gateway IDENTIFY). */
  token?: string;
  bot?: { id?: string; username?: string };
  users?: FakeUserInit[];
  guilds?: FakeGuildInit[];
  /** Gateway HELLO interval. Real Discord says ~41 s; short values exercise heartbeating. */
  heartbeatIntervalMs?: number;
  voiceHeartbeatIntervalMs?: number;
  /** Encryption modes offered in voice READY, in order of preference. */
  voiceModes?: VoiceEncryptionMode[];
  /**
   * If set, an interaction callback arriving later than this answers 404 "Unknown interaction",
   * as Discord does after 3 s. Off by default: shared CI cores make real-time deadlines flaky;
   * `interaction.record.ackDelayMs` lets a test assert on the delay instead.
   */
  ackDeadlineMs?: number;
  /** Debug lines (every REST call, gateway and voice op). Also enabled by FAKE_DISCORD_DEBUG=1. */
  log?: (line: string) => void;
}

export type VoiceEncryptionMode = 'aead_aes256_gcm_rtpsize' | 'aead_xchacha20_poly1305_rtpsize';

export interface RecordedFile {
  /** Multipart field name, e.g. `files[0]`. */
  field: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface RestCall {
  /** Position in `fake.restCalls`; pass `fromIndex` to waits to skip older calls. */
  index: number;
  at: number;
  method: string;
  /** Decoded path after `/api/v10`, without the query (`%40original` arrives as `@original`). */
  path: string;
  /** Route template such as `/channels/:channelId/messages`, or null when no route matched. */
  route: string | null;
  params: Record<string, string>;
  query: Record<string, string>;
  /** The Authorization header, or null (interaction and webhook routes send none). */
  auth: string | null;
  /** Parsed JSON body, or the parsed `payload_json` part of a multipart body. */
  body: Json;
  files: RecordedFile[];
  status: number;
  response: Json;
}

export interface RestFailureRule {
  method?: string;
  /** A route template (`/users/@me/channels`) or a pattern tested against the decoded path. */
  route?: string | RegExp;
  match?: (call: RestCall) => boolean;
  status: number;
  code?: number;
  message?: string;
  /** Replaces the default `{code, message}` body. */
  body?: Json;
  headers?: Record<string, string>;
  /** How many calls to fail; default: all of them until removed. */
  times?: number;
}

export interface StoredAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  bytes: Buffer;
  description?: string;
}

/** A message as Discord currently holds it (after edits). */
export interface StoredMessage {
  id: string;
  channelId: string;
  guildId: string | null;
  authorId: string;
  content: string;
  embeds: Json[];
  components: Json[];
  flags: number;
  attachments: StoredAttachment[];
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
  /** Set on interaction responses and follow-ups. */
  interaction?: { id: string; type: number; userId: string; name?: string };
  /** Set on messages sent through the interaction webhook. */
  webhookId?: string;
  /** Earlier states, oldest first, so a test can see what was shown before an edit. */
  history: { content: string; embeds: Json[]; components: Json[]; flags: number; at: number }[];
}

export interface InteractionCallbackRecord {
  type: number;
  data: Json;
  files: RecordedFile[];
  at: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  /** 2 command, 3 component, 4 autocomplete. */
  type: number;
  payload: Json;
  createdAt: number;
  userId: string;
  channelId: string;
  guildId: string | null;
  /** For component interactions: the message the component belongs to. */
  messageId: string | null;
  callbacks: InteractionCallbackRecord[];
  /** Milliseconds from injection to the first callback, or null while unanswered. */
  ackDelayMs: number | null;
  originalMessageId: string | null;
  followUpIds: string[];
  autocompleteChoices: { name: string; value: string | number }[] | null;
}

export interface CapturedFrame {
  ssrc: number;
  sequence: number;
  timestamp: number;
  /** performance-clock epoch milliseconds (fractional) at which the datagram arrived. */
  receivedAt: number;
  opus: Buffer;
  /** The Opus silence frame F8 FF FE that @discordjs/voice appends at the end of a resource. */
  silence: boolean;
}

export interface VoiceSnapshot {
  guildId: string;
  /** Channel the bot is in according to the fake's voice state, or null. */
  botChannelId: string | null;
  /** Voice WebSocket open and identified or resumed. */
  wsOpen: boolean;
  /** SESSION_DESCRIPTION sent: the bot may send audio. */
  ready: boolean;
  ssrc: number | null;
  mode: string | null;
  identifyCount: number;
  resumeCount: number;
  frames: CapturedFrame[];
  frameCount: number;
  nonSilentFrameCount: number;
  firstPacketAt: number | null;
  lastPacketAt: number | null;
  /** Every frame's RTP sequence is the previous one + 1 (mod 2^16) within the same SSRC. */
  sequenceContiguous: boolean;
  sequenceGaps: number;
  decryptFailures: number;
  keepAlives: number;
  speaking: { speaking: number; at: number }[];
  /** Binary (DAVE) voice frames from the bot, by opcode. Empty when DAVE is off, as expected. */
  binaryOps: number[];
}
