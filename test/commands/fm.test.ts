import { describe, expect, it } from 'vitest';
import { fm } from '../../src/commands/fm.ts';
import { translate } from '../../src/commands/i18n/index.ts';
import type { ListReply } from '../../src/commands/reply.ts';
import { textOf, useAccountWorlds } from '../helpers/account-world.ts';

const worlds = useAccountWorlds([fm]);
const setup = worlds.setup.bind(worlds);

describe('fm', () => {
  it('shows the next FM songs with a button that starts FM', async () => {
    const w = setup();
    await w.logIn('test:1', 'free');
    const { ctx } = w.context();
    const list = (await w.dispatcher.runText(ctx, 'fm', '')) as ListReply;
    expect(list).toMatchObject({ kind: 'list', title: translate('en', 'fm.title'), page: 1, pageCount: 1 });
    expect(list.items).toHaveLength(3);
    expect(list.buttons?.flat()).toEqual([
      expect.objectContaining({
        label: translate('en', 'fm.play'),
        action: { command: 'play', name: 'fm', args: {} },
      }),
    ]);
    expect(list.footer).toContain(translate('en', 'fm.footer'));
  });

  it('gives new songs each time, as NetEase does (never served from a cache)', async () => {
    const w = setup();
    await w.logIn('test:1', 'vip');
    const { ctx } = w.context();
    const first = textOf(await w.dispatcher.runText(ctx, 'fm', ''));
    const second = textOf(await w.dispatcher.runText(ctx, 'fm', ''));
    expect(second).not.toBe(first);
  });

  it('needs a login', async () => {
    const w = setup();
    const { ctx } = w.context();
    expect(textOf(await w.dispatcher.runText(ctx, 'fm', ''))).toBe(translate('en', 'error.needs_login'));
  });
});
