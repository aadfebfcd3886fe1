/**
 * How one interaction is answered, whatever the command does in which order. Discord allows one
 * initial response (reply, defer, or for components update / deferUpdate) within 3 seconds,
 * after which the deferred "thinking" message is filled by an edit and anything else is a
 * follow-up. Commands only say "here is a reply" (their result, or `ctx.send` along the way);
 * this class picks the right call, and serialises them so a deferral racing a reply cannot
 * acknowledge an interaction twice.
 */
import {
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  type MessageComponentInteraction,
  MessageFlags,
  type RepliableInteraction,
} from 'discord.js';
import type { MessageHandle } from '../../commands/context.ts';
import type { Reply } from '../../commands/reply.ts';
import type { DiscordMessage } from './render.ts';

type State =
  /** Nothing sent yet. */
  | 'fresh'
  /** deferReply: a "thinking" message waits to be filled by the first reply. */
  | 'deferred'
  /** deferUpdate: the component's message stays as it is until edited. */
  | 'deferred-update'
  /** The original response holds a real message. */
  | 'answered';

/** The fields every send and edit carries. Nobody pings @everyone or a role through a song title. */
export function messagePayload(message: DiscordMessage) {
  return {
    content: message.content,
    embeds: message.embeds,
    components: message.components,
    files: message.files,
    allowedMentions: { parse: [], repliedUser: false },
  } satisfies InteractionEditReplyOptions;
}

/** An edit replaces everything, including attachments the new version no longer has. */
export function editPayload(message: DiscordMessage) {
  return { ...messagePayload(message), attachments: [] } satisfies InteractionEditReplyOptions;
}

/** Turns a neutral reply into messages (render.ts bound to the caller's language). */
export type RenderFn = (reply: Reply) => Promise<DiscordMessage[]>;

/** The message an edit shows: the first of what the reply renders to (an edit is one message). */
export async function renderEdit(render: RenderFn, reply: Reply): Promise<DiscordMessage> {
  const [first] = await render(reply);
  if (!first) throw new Error('a reply rendered to no message');
  return first;
}

export class InteractionResponder {
  private state: State = 'fresh';
  private deferredEphemeral = false;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly interaction: RepliableInteraction,
    private readonly render: RenderFn,
    /** Component clicks that page through a message answer by editing that message. */
    private readonly editsInPlace = false,
  ) {}

  /** Whether the interaction has been acknowledged in any way. */
  get acknowledged(): boolean {
    return this.state !== 'fresh';
  }

  /** Runs Discord calls one at a time, in the order they were asked for. */
  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.chain.then(operation, operation);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Acknowledges now (no-op once acknowledged). `ephemeral` only applies to a new message. */
  defer(ephemeral: boolean): Promise<void> {
    return this.serial(async () => {
      if (this.state !== 'fresh') return;
      if (this.editsInPlace && !ephemeral) {
        await (this.interaction as MessageComponentInteraction).deferUpdate();
        this.state = 'deferred-update';
        return;
      }
      await this.interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      this.deferredEphemeral = ephemeral;
      this.state = 'deferred';
    });
  }

  /** Shows a message as the answer (or as one more message after it); returns a handle to it. */
  deliver(message: DiscordMessage): Promise<MessageHandle> {
    return this.serial(() => this.deliverNow(message));
  }

  /** Removes a "thinking" message no reply came for (the command answered elsewhere, e.g. a DM). */
  finish(): Promise<void> {
    return this.serial(async () => {
      if (this.state === 'fresh') {
        // Never acknowledged: Discord would show "The application did not respond".
        if (this.interaction.isMessageComponent()) {
          await this.interaction.deferUpdate();
          this.state = 'answered';
          return;
        }
        await this.interaction.deferReply({ flags: MessageFlags.Ephemeral });
        this.state = 'deferred';
      }
      if (this.state === 'deferred') {
        await this.interaction.deleteReply();
        this.state = 'answered';
      }
    });
  }

  private async deliverNow(message: DiscordMessage): Promise<MessageHandle> {
    const interaction = this.interaction;
    const flags = message.ephemeral ? MessageFlags.Ephemeral : undefined;
    switch (this.state) {
      case 'fresh':
        if (this.editsInPlace && !message.ephemeral) {
          await (interaction as MessageComponentInteraction).update(
            messagePayload(message) as InteractionUpdateOptions,
          );
        } else {
          await interaction.reply({ ...messagePayload(message), flags } as InteractionReplyOptions);
        }
        this.state = 'answered';
        return this.originalHandle();
      case 'deferred':
        // The thinking message keeps the visibility chosen at defer time. A private answer to a
        // public defer (an error) must not show to everyone: drop the placeholder, whisper instead.
        if (message.ephemeral && !this.deferredEphemeral) {
          await interaction.deleteReply();
          this.state = 'answered';
          return this.followUp(message, flags);
        }
        await interaction.editReply(editPayload(message));
        this.state = 'answered';
        return this.originalHandle();
      case 'deferred-update':
        if (message.ephemeral) return this.followUp(message, flags);
        await interaction.editReply(editPayload(message));
        this.state = 'answered';
        return this.originalHandle();
      case 'answered':
        return this.followUp(message, flags);
    }
  }

  private async followUp(
    message: DiscordMessage,
    flags: MessageFlags.Ephemeral | undefined,
  ): Promise<MessageHandle> {
    const sent = await this.interaction.followUp({
      ...messagePayload(message),
      flags,
    } as InteractionReplyOptions);
    const id = sent.id;
    return {
      edit: async (next) => {
        await this.interaction.editReply({
          ...editPayload(await renderEdit(this.render, next)),
          message: id,
        });
      },
      delete: async () => {
        await this.interaction.deleteReply(id);
      },
    };
  }

  private originalHandle(): MessageHandle {
    return {
      edit: async (next) => {
        await this.interaction.editReply(editPayload(await renderEdit(this.render, next)));
      },
      delete: async () => {
        await this.interaction.deleteReply();
      },
    };
  }
}
