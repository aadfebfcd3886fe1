import { describe, expect, it } from 'vitest';
import { MemoryKv } from '../../src/store/memory-kv.ts';
import {
  createSettingsStore,
  guildSettingsSchema,
  InvalidSettingsError,
} from '../../src/store/settings-store.ts';
import { captureLogs } from './log-capture.ts';

describe('settings store', () => {
  it('has built-in defaults in its schema', () => {
    expect(guildSettingsSchema.parse({})).toMatchObject({
      language: 'zh',
      defaultVolume: 100,
      allowTrialClips: true,
    });
  });

  it('drops stored fields that no longer fit one by one, keeping the rest', async () => {
    const kv = new MemoryKv();
    const logs = captureLogs();
    await kv.set('discord:1', JSON.stringify({ language: 'en', defaultVolume: 999, oldField: true }));
    await kv.set('discord:2', '{not json');
    const settings = createSettingsStore({ kv, logger: logs.logger });
    expect(await settings.get('discord:1')).toMatchObject({ language: 'en', defaultVolume: 100 });
    expect(await settings.get('discord:2')).toMatchObject({ language: 'zh' });
    const dropped = (await logs.records()).find((r) => r.dropped);
    expect(dropped).toMatchObject({ scopeKey: 'discord:1', dropped: ['defaultVolume', 'oldField'] });
  });

  it('treats undefined fields in a patch as "leave as is" and removes the record when all are reset', async () => {
    const kv = new MemoryKv();
    const settings = createSettingsStore({ kv, logger: captureLogs().logger });
    await settings.update('discord:1', { language: 'en' });
    await settings.update('discord:1', { language: undefined, stay247: true });
    expect(JSON.parse((await kv.get('discord:1'))!)).toEqual({ language: 'en', stay247: true });
    await settings.reset('discord:1', ['language', 'stay247']);
    expect(await kv.get('discord:1')).toBeUndefined();
  });

  it('validates operator defaults too', () => {
    expect(() =>
      createSettingsStore({
        kv: new MemoryKv(),
        logger: captureLogs().logger,
        defaults: { defaultVolume: -5 },
      }),
    ).toThrow(InvalidSettingsError);
  });

  it('rejects a patch that is not an object', async () => {
    const settings = createSettingsStore({ kv: new MemoryKv(), logger: captureLogs().logger });
    await expect(settings.update('discord:1', null as never)).rejects.toThrow(InvalidSettingsError);
  });
});
