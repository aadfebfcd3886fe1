/**
 * The interaction answer state machine, against a stub interaction that records the calls: one
 * initial response, edits of a deferred reply, follow-ups after that, and private answers never
 * shown in a public "thinking" message.
 */
import type { RepliableInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { DiscordMessage } from '../../../src/bots/discord/render.ts';
import { InteractionResponder } from '../../../src/bots/discord/responder.ts';

type Call = [string, unknown?];

function stubInteraction(component = false) {
  const calls: Call[] = [];
  let n = 0;
  const record =
    (name: string) =>
    async (arg?: unknown): Promise<{ id: string }> => {
      // Let other queued work run, as a real HTTP round trip would.
      await new Promise((resolve) => setTimeout(resolve, 1));
      calls.push([name, arg]);
      return { id: `m${++n}` };
    };
  const interaction = {
    reply: record('reply'),
    deferReply: record('deferReply'),
    editReply: record('editReply'),
    followUp: record('followUp'),
    deleteReply: record('deleteReply'),
    update: record('update'),
    deferUpdate: record('deferUpdate'),
    isMessageComponent: () => component,
  } as unknown as RepliableInteraction;
  return { interaction, calls, names: () => calls.map(([name]) => name) };
}

const message = (ephemeral: boolean, content = 'x'): DiscordMessage => ({
  content,
  embeds: [],
  components: [],
  files: [],
  ephemeral,
});
const render = async () => [message(false)];
const flagsOf = (call: Call | undefined) => (call?.[1] as { flags?: number } | undefined)?.flags;

describe('InteractionResponder', () => {
  it('replies first, then follows up', async () => {
    const stub = stubInteraction();
    const responder = new InteractionResponder(stub.interaction, render);
    await responder.deliver(message(false));
    await responder.deliver(message(true));
    expect(stub.names()).toEqual(['reply', 'followUp']);
    expect(flagsOf(stub.calls[1])).toBe(64);
  });

  it('fills a deferred reply with an edit', async () => {
    const stub = stubInteraction();
    const responder = new InteractionResponder(stub.interaction, render);
    await responder.defer(false);
    const handle = await responder.deliver(message(false));
    await handle.edit({ kind: 'text', text: 'later' });
    expect(stub.names()).toEqual(['deferReply', 'editReply', 'editReply']);
  });

  it('never shows a private answer in a public "thinking" message', async () => {
    const stub = stubInteraction();
    const responder = new InteractionResponder(stub.interaction, render);
    await responder.defer(false);
    await responder.deliver(message(true));
    expect(stub.names()).toEqual(['deferReply', 'deleteReply', 'followUp']);
    expect(flagsOf(stub.calls[2])).toBe(64);
  });

  it('does not acknowledge twice when a deferral races the answer', async () => {
    const stub = stubInteraction();
    const responder = new InteractionResponder(stub.interaction, render);
    const delivered = responder.deliver(message(false));
    const deferred = responder.defer(false);
    await Promise.all([delivered, deferred]);
    expect(stub.names()).toEqual(['reply']);
  });

  it('pages a component message in place, but answers privately in a new message', async () => {
    const stub = stubInteraction(true);
    const responder = new InteractionResponder(stub.interaction, render, true);
    await responder.deliver(message(false));
    expect(stub.names()).toEqual(['update']);

    const other = stubInteraction(true);
    const privately = new InteractionResponder(other.interaction, render, true);
    await privately.defer(false);
    await privately.deliver(message(true));
    expect(other.names()).toEqual(['deferUpdate', 'followUp']);
  });

  it('acknowledges silently when a command answered nowhere', async () => {
    const stub = stubInteraction();
    await new InteractionResponder(stub.interaction, render).finish();
    expect(stub.names()).toEqual(['deferReply', 'deleteReply']);
    const component = stubInteraction(true);
    await new InteractionResponder(component.interaction, render, true).finish();
    expect(component.names()).toEqual(['deferUpdate']);
  });
});
