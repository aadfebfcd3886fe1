import { describe, expect, it } from 'vitest';
import { allCommands } from '../../src/commands/index.ts';
import { SONGS } from '../fakes/netease/catalog.ts';
import { usePlaybackWorld } from '../helpers/playback-world.ts';
import { replyText } from '../helpers/reply-text.ts';

const world = usePlaybackWorld(allCommands);

/** 晴天 at its real length, 4:29, 1:00 in. */
async function playing() {
  const w = world();
  await w.queueAs('alice', await w.song(SONGS.qingtian.id, { durationMs: 269_000 }));
  w.playback.setPositionMs(60_000);
  return w;
}

describe('seek', () => {
  it('jumps to m:ss or plain seconds, and shows where', async () => {
    const w = await playing();
    expect(replyText(await w.run('seek', '1:23'))).toBe(
      '⏩ Jumped to 1:23 in “晴天”.\n▬▬▬🔘▬▬▬▬▬▬▬▬ 1:23 / 4:29',
    );
    await w.run('seek', '200');
    await w.run('seek', '2m5s');
    expect(w.playback.calls).toEqual(['seek 83000', 'seek 200000', 'seek 125000']);
  });

  it('steps forward and back from where the song is, not past the start', async () => {
    const w = await playing();
    await w.run('seek', '+10');
    w.playback.setPositionMs(70_000);
    await w.run('seek', '-15');
    await w.run('seek', '-5:00');
    expect(w.playback.calls).toEqual(['seek 70000', 'seek 55000', 'seek 0']);
  });

  it('stays within the song', async () => {
    const w = await playing();
    expect(replyText(await w.run('seek', '4:29'))).toBe('“晴天” is only 4:29 long.');
    expect(replyText(await w.run('seek', '+4:00'))).toBe('“晴天” is only 4:29 long.');
    expect(w.playback.calls).toEqual([]);
  });

  it('explains what a time looks like', async () => {
    const w = await playing();
    const hint = (input: string) =>
      `“${input}” is not a time. Try \`1:23\`, \`83\` (seconds), \`+10\` or \`-10\`.`;
    expect(replyText(await w.run('seek', 'soon'))).toBe(hint('soon'));
    expect(replyText(await w.run('seek', '1:75'))).toBe(hint('1:75'));
    expect(replyText(await w.run('seek', '+'))).toBe(hint('+'));
    expect(replyText(await w.run('seek', ''))).toBe('`position` is missing. Usage: `seek <position>`');
  });

  it('needs something playing', async () => {
    const w = world();
    expect(replyText(await w.run('seek', '1:00'))).toBe('Nothing is playing.');
  });
});
