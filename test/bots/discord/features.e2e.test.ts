/**
 * Everything around playback, through the real bot process: autocomplete, search results with a
 * pick menu that plays the chosen song, pages that edit the message in place, lyrics with the
 * .lrc button, hot comments, charts, the now-playing controls, and the QR login in a DM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionHandle, StoredMessage } from '../../fakes/discord/server.ts';
import {
  buttonsOf,
  type DiscordWorld,
  FAKE_IDS,
  isEphemeral,
  LISTENERS,
  musicWorld,
  settled,
  startDiscordWorld,
  textOf,
  waitForMessage,
} from './helpers/discord-world.ts';
import { waitForMoreFrames, waitForSilence } from './helpers/voice.ts';

const GUILD = FAKE_IDS.guild;
const TEXT = FAKE_IDS.textChannel;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

let world: DiscordWorld;

beforeAll(async () => {
  world = await startDiscordWorld({ fake: musicWorld() });
}, 120_000);

afterAll(async () => {
  await world?.close();
}, 60_000);

async function answer(
  handle: InteractionHandle,
  test?: (message: StoredMessage) => boolean,
): Promise<StoredMessage> {
  try {
    return await settled(world.discord, handle, test);
  } catch (error) {
    (error as Error).message += `\n--- bot log ---\n${world.logTail()}`;
    throw error;
  }
}

function selectOf(message: StoredMessage): { customId: string; options: { label: string; value: string }[] } {
  for (const row of message.components) {
    for (const component of row.components ?? []) {
      if (component.type === 3) return { customId: component.custom_id, options: component.options };
    }
  }
  throw new Error(`no select menu on message: ${JSON.stringify(message.components)}`);
}

describe('finding music', () => {
  it('autocomplete suggests songs while typing', async () => {
    const typing = world.discord.sendAutocomplete({
      name: 'play',
      options: { query: '晴' },
      focused: 'query',
    });
    const choices = await typing.waitForChoices(15_000);
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((choice) => choice.name).join('\n')).toContain('晴天');
  });

  it('search results page in place, and the pick menu plays the chosen song', async () => {
    const { discord } = world;
    const search = discord.sendCommand({
      name: 'search',
      options: { query: '周杰伦' },
      userId: LISTENERS.alice,
    });
    const results = await answer(search);
    expect(textOf(results)).toContain('周杰伦');
    const next = buttonsOf(results).find((button) => button.label === 'Next');
    if (next) {
      const page = discord.clickButton({
        messageId: results.id,
        customId: next.customId,
        userId: LISTENERS.alice,
      });
      const ack = await page.waitForAck(15_000);
      // Paging edits the results message itself rather than posting another one.
      expect([6, 7]).toContain(ack.type);
      await discord.waitFor(
        () => (textOf(discord.message(results.id)).includes('2/') ? true : undefined),
        15_000,
        'page 2 in the same message',
      );
    }

    const { customId, options } = selectOf(discord.message(results.id)!);
    const chosen = options[0]!;
    // Menu labels are numbered like the list ("11. 说好的幸福呢").
    const title = chosen.label.replace(/^\d+\.\s*/, '');
    discord.clearVoiceFrames(GUILD);
    const pick = discord.selectOption({
      messageId: results.id,
      customId,
      values: [chosen.value],
      userId: LISTENERS.alice,
    });
    const played = await answer(pick);
    expect(played.embeds[0]?.title).toBe(title);
    expect(isEphemeral(played)).toBe(false);
    await waitForMoreFrames(discord, GUILD, 0, 50);
  });

  it('the now-playing controls answer the presser privately and the card follows', async () => {
    const { discord } = world;
    const card = await waitForMessage(discord, TEXT, (m) => buttonsOf(m).some((b) => b.label === 'Pause'));
    const pause = buttonsOf(card).find((button) => button.label === 'Pause')!;
    const press = discord.clickButton({
      messageId: card.id,
      customId: pause.customId,
      userId: LISTENERS.bob,
    });
    const ack = await answer(press);
    expect(isEphemeral(ack)).toBe(true);
    expect(textOf(ack)).toContain('Paused');
    await discord.waitFor(
      () => (buttonsOf(discord.message(card.id)).some((b) => b.label === 'Resume') ? true : undefined),
      15_000,
      'the card to offer Resume',
    );
    const stop = buttonsOf(discord.message(card.id)).find((button) => button.label === 'Stop')!;
    const stopped = await answer(
      discord.clickButton({ messageId: card.id, customId: stop.customId, userId: LISTENERS.carol }),
    );
    expect(textOf(stopped)).toContain('Stopped');
    await waitForSilence(discord, GUILD);
  });

  it('/lyrics shows the words with their translation, and the .lrc button sends the file', async () => {
    const { discord } = world;
    const lyrics = await answer(
      discord.sendCommand({ name: 'lyrics', options: { query: '晴天' }, userId: LISTENERS.bob }),
    );
    expect(textOf(lyrics)).toContain('晴天');
    const lrc = buttonsOf(lyrics).find((button) => button.label === '.lrc file');
    expect(lrc).toBeDefined();
    const file = await answer(
      discord.clickButton({ messageId: lyrics.id, customId: lrc!.customId, userId: LISTENERS.bob }),
    );
    expect(file.id).not.toBe(lyrics.id);
    expect(file.attachments[0]?.filename).toMatch(/\.lrc$/);
    expect(file.attachments[0]?.bytes.toString('utf8')).toMatch(/\[\d\d:\d\d/);
  });

  it('/comments shows hot comments', async () => {
    const comments = await answer(
      world.discord.sendCommand({ name: 'comments', options: { query: '晴天' }, userId: LISTENERS.carol }),
    );
    expect(textOf(comments)).toContain('晴天');
    expect(comments.embeds[0]?.description?.split('\n').length).toBeGreaterThan(2);
  });

  it('/top lists the charts, and picking one shows its songs', async () => {
    const { discord } = world;
    const charts = await answer(discord.sendCommand({ name: 'top', userId: FAKE_IDS.user }));
    expect(textOf(charts)).toContain('飙升榜');
    const { customId, options } = selectOf(charts);
    const hot = options.find((option) => option.label.includes('热歌榜')) ?? options[0]!;
    const chart = await answer(
      discord.selectOption({ messageId: charts.id, customId, values: [hot.value], userId: FAKE_IDS.user }),
    );
    expect(textOf(chart)).toContain(hot.label.replace(/^\d+\.\s*/, ''));
    expect(textOf(chart)).toContain('晴天');
  });
});

describe('login', () => {
  it('/login answers privately in the guild and runs the QR login in a DM to success', async () => {
    const { discord, netease } = world;
    netease.qr.auto({ scanAfterPolls: 1, confirmAfterPolls: 2 });
    const login = discord.sendCommand({ name: 'login', userId: LISTENERS.carol });
    const pointer = await answer(login);
    expect(isEphemeral(pointer)).toBe(true);
    expect(textOf(pointer)).toMatch(/private|DM|message/i);

    const qr = await discord.waitFor(
      () => discord.dms(LISTENERS.carol).find((m) => m.attachments.length > 0),
      20_000,
      'the QR code in the DM',
    );
    expect(qr.attachments[0]?.bytes.subarray(0, 4).equals(PNG_MAGIC)).toBe(true);
    const status = await discord.waitFor(
      () => discord.dms(LISTENERS.carol).find((m) => /Logged in|logged in/.test(textOf(m))),
      40_000,
      'the DM status to reach success',
    );
    // The same status message went through the steps, edited in place.
    const steps = [...status.history.map((state) => state.content), status.content].join('\n');
    expect(steps).toContain('Waiting');
    expect(steps).toContain('Scanned');
    // The finished code is removed so nobody scans a dead one.
    await discord.waitFor(
      () => discord.message(qr.id)?.deleted || undefined,
      15_000,
      'the QR code to be deleted',
    );

    const me = await answer(discord.sendCommand({ name: 'me', userId: LISTENERS.carol }));
    expect(textOf(me)).toContain('阿哲的耳机');
  });
});
