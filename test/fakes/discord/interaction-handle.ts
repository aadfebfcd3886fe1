// What a test holds after injecting an interaction: the record of how the bot answered, and
// waits for the answer to reach a given state.
import type { FakeContext } from './context.ts';
import { MessageFlag } from './message-ops.ts';
import type { InteractionCallbackRecord, InteractionRecord, Json, StoredMessage } from './types.ts';

const DEFAULT_TIMEOUT_MS = 5_000;

export class InteractionHandle {
  constructor(
    private readonly ctx: FakeContext,
    readonly record: InteractionRecord,
  ) {}

  get id(): string {
    return this.record.id;
  }

  get token(): string {
    return this.record.token;
  }

  /** The INTERACTION_CREATE payload as sent to the bot. */
  get payload(): Json {
    return this.record.payload;
  }

  /** The first callback (defer, reply, update, autocomplete result...). */
  waitForAck(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<InteractionCallbackRecord> {
    return this.ctx.hub.waitFor(
      () => this.record.callbacks[0],
      timeoutMs,
      `a callback to interaction ${this.describe()}`,
    );
  }

  /** The reply (the message "@original" points at), in its current state. */
  original(): StoredMessage | undefined {
    const id = this.record.originalMessageId;
    return id ? this.ctx.messages.get(id) : undefined;
  }

  /**
   * Waits until the reply exists, is no longer the deferred "thinking" placeholder, and satisfies
   * `predicate` (e.g. `m => m.content.includes('Now playing')`).
   */
  waitForOriginal(
    predicate: (message: StoredMessage) => boolean = () => true,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<StoredMessage> {
    return this.ctx.hub.waitFor(
      () => {
        const message = this.original();
        return message && !(message.flags & MessageFlag.Loading) && predicate(message) ? message : undefined;
      },
      timeoutMs,
      `the reply to ${this.describe()}`,
      () => `current reply: ${JSON.stringify(summary(this.original()))}`,
    );
  }

  followUps(): StoredMessage[] {
    return this.record.followUpIds
      .map((id) => this.ctx.messages.get(id))
      .filter((m): m is StoredMessage => m !== undefined);
  }

  waitForFollowUps(count: number, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<StoredMessage[]> {
    return this.ctx.hub.waitFor(
      () => (this.record.followUpIds.length >= count ? this.followUps() : undefined),
      timeoutMs,
      `${count} follow-up(s) to ${this.describe()}`,
    );
  }

  /** The choices of an autocomplete answer (callback type 8). */
  waitForChoices(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<{ name: string; value: string | number }[]> {
    return this.ctx.hub.waitFor(
      () => this.record.autocompleteChoices ?? undefined,
      timeoutMs,
      `autocomplete choices for ${this.describe()}`,
    );
  }

  private describe(): string {
    const data = this.record.payload?.data ?? {};
    return `${this.record.id} (${data.name ? `/${data.name}` : (data.custom_id ?? `type ${this.record.type}`)})`;
  }
}

function summary(message: StoredMessage | undefined): Json {
  if (!message) return null;
  return {
    content: message.content,
    embeds: message.embeds.length,
    components: message.components.length,
    flags: message.flags,
  };
}
