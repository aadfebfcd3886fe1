import { describe, expect, it } from 'vitest';
import { parseComponentId } from '../../../src/bots/discord/component-ids.ts';
import { LIMITS, renderReply } from '../../../src/bots/discord/render.ts';
import { decodeAction, encodeAction } from '../../../src/commands/action-codec.ts';
import { translator } from '../../../src/commands/i18n/index.ts';
import type { ListReply, Reply } from '../../../src/commands/reply.ts';
import { rich } from '../../../src/commands/rich-text.ts';

/** The action store as a plain map, so parked payloads can be decoded back. */
function memoryStore() {
  const map = new Map<string, unknown>();
  return {
    get: async (key: string) => map.get(key),
    set: async (key: string, value: unknown) => {
      map.set(key, value);
    },
  };
}

const store = memoryStore();
const deps = {
  t: translator('en'),
  encodeAction: (ref: Parameters<typeof encodeAction>[0]) => encodeAction(ref, store),
};

async function one(reply: Reply, options = {}) {
  const [message] = await renderReply(reply, deps, options);
  return message!;
}

const list: ListReply = {
  kind: 'list',
  title: 'Songs matching “晴天”',
  items: [rich.bold('晴天'), [rich.bold('**fake bold**'), ' — x']],
  firstNumber: 11,
  page: 2,
  pageCount: 3,
  pager: { command: 'search', name: 'page', args: { q: '晴天', t: 'song' } },
  select: {
    placeholder: 'Pick one to play',
    options: [
      {
        label: '11. 晴天',
        description: '周杰伦 · 叶惠美',
        action: { command: 'play', name: 'song', args: { id: 186016 } },
      },
      {
        label: '12. a very long name'.repeat(10),
        action: {
          command: 'play',
          name: 'collection',
          args: { type: 'playlist', id: 2829883282, note: 'x'.repeat(80) },
        },
      },
    ],
  },
  footer: 'VIP: members hear the full song',
};

describe('rendering replies for Discord', () => {
  it('shows a list as a numbered embed with pager buttons and a pick menu', async () => {
    const message = await one(list);
    const embed = message.embeds[0]!;
    expect(embed.title).toBe('Songs matching “晴天”');
    expect(embed.description).toBe('`11.` **晴天**\n`12.` **\\*\\*fake bold\\*\\*** — x');
    expect(embed.footer?.text).toBe('Page 2/3 · VIP: members hear the full song');

    const [pagerRow, selectRow] = message.components;
    const buttons = pagerRow!.components as { custom_id: string; label: string }[];
    expect(buttons.map((b) => b.label)).toEqual(['Previous', 'Next']);
    for (const button of buttons) {
      const id = parseComponentId(button.custom_id);
      // Paging edits the message in place.
      expect(id).toMatchObject({ kind: 'action', inPlace: true, quiet: false });
      const ref = await decodeAction((id as { payload: string }).payload, store);
      expect(ref?.command).toBe('search');
    }
    const pages = await Promise.all(
      buttons.map(
        async (b) =>
          (await decodeAction((parseComponentId(b.custom_id) as { payload: string }).payload, store))?.args
            .page,
      ),
    );
    expect(pages).toEqual([1, 3]);

    const select = selectRow!.components[0] as {
      type: number;
      custom_id: string;
      options: { label: string; value: string }[];
    };
    expect(select.type).toBe(3);
    expect(parseComponentId(select.custom_id)).toEqual({ kind: 'select' });
    expect(select.options[1]!.label.length).toBeLessThanOrEqual(LIMITS.selectText);
    for (const option of select.options) {
      expect(option.value.length).toBeLessThanOrEqual(100);
      expect((await decodeAction(option.value, store))?.command).toBe('play');
    }
  });

  it('keeps custom ids unique and short even for identical actions', async () => {
    const action = { command: 'lyrics', name: 'page', args: { id: 1, page: 2 } };
    const message = await one({
      kind: 'text',
      text: 'x',
      buttons: [
        [
          { label: 'a', action },
          { label: 'b', action },
          { label: 'link', url: 'https://music.163.com' },
        ],
      ],
    });
    const ids = message.components.flatMap((row) =>
      row.components.map((c) => ('custom_id' in c ? c.custom_id : c.type)),
    );
    expect(new Set(ids).size).toBe(3);
    expect(ids.every((id) => typeof id !== 'string' || id.length <= 100)).toBe(true);
  });

  it('marks the now-playing controls as answered privately', async () => {
    const message = await one(
      {
        kind: 'text',
        text: 'x',
        buttons: [[{ label: 'Pause', action: { command: 'pause', name: 'run', args: {} } }]],
      },
      { quietButtons: true },
    );
    const button = message.components[0]!.components[0] as { custom_id: string };
    expect(parseComponentId(button.custom_id)).toMatchObject({ kind: 'action', quiet: true, inPlace: false });
  });

  it('cuts cards down to what Discord accepts', async () => {
    const message = await one({
      kind: 'card',
      title: 't'.repeat(300),
      description: 'd'.repeat(5000),
      fields: Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: 'v'.repeat(1100) })),
      thumbnailUrl: 'https://p1.music.126.net/cover.jpg',
      url: 'not a url',
    });
    const embed = message.embeds[0]!;
    expect(embed.title!.length).toBeLessThanOrEqual(256);
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embed.fields!.length).toBeLessThanOrEqual(25);
    for (const field of embed.fields!) expect(field.value.length).toBeLessThanOrEqual(1024);
    const total =
      embed.title!.length +
      embed.description!.length +
      embed.fields!.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(embed.url).toBeUndefined();
    expect(embed.thumbnail?.url).toBe('https://p1.music.126.net/cover.jpg');
  });

  it('sends images as an attachment shown in the embed, and private replies as ephemeral', async () => {
    const image = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const message = await one({
      kind: 'image',
      image,
      filename: '网易 login.png',
      caption: 'Scan me',
      private: true,
    });
    expect(message.ephemeral).toBe(true);
    expect(message.files[0]).toMatchObject({ name: '_login.png', contentType: 'image/png' });
    expect(message.embeds[0]?.image?.url).toBe('attachment://_login.png');
    expect(message.embeds[0]?.description).toBe('Scan me');
  });

  it('never renders an empty message, and splits multi replies', async () => {
    const messages = await renderReply(
      {
        kind: 'multi',
        parts: [
          { kind: 'text', text: '' },
          { kind: 'text', text: 'b' },
        ],
      },
      deps,
    );
    expect(messages.map((m) => m.content)).toEqual(['\u200b', 'b']);
  });
});

describe('component ids', () => {
  it('parses what the bot makes and nothing else', () => {
    expect(parseComponentId('np:like:186016')).toEqual({ kind: 'now-playing', verb: 'like', songId: 186016 });
    expect(parseComponentId('p3:search|page|{"p":2}')).toEqual({
      kind: 'action',
      payload: 'search|page|{"p":2}',
      inPlace: true,
      quiet: false,
    });
    expect(parseComponentId('q0:~abc')).toMatchObject({ kind: 'action', quiet: true, payload: '~abc' });
    expect(parseComponentId('m1')).toEqual({ kind: 'select' });
    expect(parseComponentId('np:explode')).toBeUndefined();
    expect(parseComponentId('something-else')).toBeUndefined();
  });
});
