/**
 * The behaviour every storage backend must show, written once and run against each backend
 * (redis-backend.test.ts, embedded-backend.test.ts) through the real `createStores` factory.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  createTelegramFileCache,
  InvalidSettingsError,
  type SessionInput,
  type StoreConfig,
  type Stores,
} from '../../src/store/index.ts';
import type { LogCapture } from './log-capture.ts';

export interface OpenOptions {
  /** Overrides of the harness' configuration (e.g. a SESSION_SECRET) for this start. */
  config?: Partial<StoreConfig>;
}

export interface StoreHarness {
  /** Starts the stores as a new process would: every call sees what earlier ones persisted. */
  open(options?: OpenOptions): Promise<{ stores: Stores; logs: LogCapture }>;
  /** Every byte the backend holds on its medium: file contents, or raw Redis values. */
  persisted(): Promise<string>;
  /** The raw stored value of a durable entry (stores closed, for the file backend). */
  readRaw(namespace: string, key: string): Promise<string | undefined>;
  /** Plants a raw value, as an attacker with write access or a damaged disk would. */
  writeRaw(namespace: string, key: string, value: string): Promise<void>;
  /** Closes whatever `open` returned and removes all data. */
  dispose(): Promise<void>;
}

export type MakeHarness = () => Promise<StoreHarness>;

const MUSIC_U = '00A1B2C3D4E5F60718293A4B5C6D7E8F9Secret';
export const COOKIE = `MUSIC_U=${MUSIC_U}; __csrf=c5rfT0ken42; NMTID=00OnmTidValue`;
const NICKNAME = '晴天的风';

export const alice: SessionInput = { cookie: COOKIE, userId: 1_234_567, nickname: NICKNAME, vipType: 11 };

export function describeStoreContract(name: string, makeHarness: MakeHarness): void {
  describe(`store contract: ${name}`, () => {
    let harness: StoreHarness;

    beforeEach(async () => {
      harness = await makeHarness();
    });

    afterEach(async () => {
      await harness.dispose();
    });

    describe('sessions', () => {
      it('stores, reads, replaces and deletes a login per user key', async () => {
        const { stores } = await harness.open();
        expect(await stores.sessions.get('discord:1')).toBeUndefined();

        const before = Date.now();
        const saved = await stores.sessions.set('discord:1', alice);
        expect(saved).toMatchObject(alice);
        expect(saved.createdAt).toBeGreaterThanOrEqual(before);
        expect(saved.checkedAt).toBe(saved.createdAt);
        expect(await stores.sessions.get('discord:1')).toEqual(saved);

        // Same numeric id on another platform is another person.
        expect(await stores.sessions.get('telegram:1')).toBeUndefined();

        await stores.sessions.set('discord:1', { ...alice, vipType: 0, createdAt: 5, checkedAt: 6 });
        expect(await stores.sessions.get('discord:1')).toMatchObject({
          vipType: 0,
          createdAt: 5,
          checkedAt: 6,
        });

        await stores.sessions.delete('discord:1');
        expect(await stores.sessions.get('discord:1')).toBeUndefined();
        await stores.sessions.delete('discord:1'); // deleting nothing is fine
      });

      it('touch records a re-check and keeps the cookie and the login time', async () => {
        const { stores } = await harness.open();
        expect(await stores.sessions.touch('telegram:42')).toBeUndefined();
        await stores.sessions.set('telegram:42', { ...alice, createdAt: 1_000, checkedAt: 1_000 });

        const touched = await stores.sessions.touch('telegram:42', { vipType: 0, nickname: 'renamed' });
        expect(touched).toMatchObject({ cookie: COOKIE, createdAt: 1_000, vipType: 0, nickname: 'renamed' });
        expect(touched!.checkedAt).toBeGreaterThan(1_000);
        expect(await stores.sessions.get('telegram:42')).toEqual(touched);
      });

      it('rejects malformed keys and records without echoing the cookie', async () => {
        const { stores } = await harness.open();
        await expect(stores.sessions.get('1234')).rejects.toThrow(/platform:id/);
        await expect(stores.sessions.set('', alice)).rejects.toThrow(TypeError);
        const error = await stores.sessions.set('discord:2', { ...alice, userId: -1 }).catch((e: Error) => e);
        expect(error).toBeInstanceOf(TypeError);
        expect(String((error as Error).message)).not.toContain(MUSIC_U);
        expect(await stores.sessions.get('discord:2')).toBeUndefined();
      });

      it('keeps logins across a restart', async () => {
        const first = await harness.open();
        await first.stores.sessions.set('console:local', alice);
        await first.stores.close();

        const second = await harness.open();
        expect(await second.stores.sessions.get('console:local')).toMatchObject(alice);
      });

      it('stores neither the cookie, MUSIC_U nor the nickname in readable form', async () => {
        const { stores } = await harness.open();
        await stores.sessions.set('discord:7', alice);
        await stores.sessions.set('telegram:8', alice);
        await stores.close();

        const bytes = await harness.persisted();
        expect(bytes.length).toBeGreaterThan(0);
        for (const secret of [MUSIC_U, 'MUSIC_U', 'c5rfT0ken42', '__csrf', NICKNAME, 'Secret']) {
          expect(bytes).not.toContain(secret);
        }
        // A fresh IV per write: the same record never encrypts to the same bytes twice.
        const [seven, eight] = [
          await harness.readRaw('sessions', 'discord:7'),
          await harness.readRaw('sessions', 'telegram:8'),
        ];
        expect(seven).toMatch(/^v1\./);
        expect(seven).not.toBe(eight);
      });

      it('reads as logged out, with one warning and no secret, when the secret changed', async () => {
        const first = await harness.open({ config: { sessionSecret: 'the-first-secret-0123456789' } });
        await first.stores.sessions.set('discord:9', alice);
        await first.stores.close();

        const second = await harness.open({ config: { sessionSecret: 'another-secret-abcdefghij' } });
        expect(await second.stores.sessions.get('discord:9')).toBeUndefined();
        expect(await second.stores.sessions.get('discord:9')).toBeUndefined();
        expect(await second.stores.sessions.touch('discord:9')).toBeUndefined();
        const warnings = (await second.logs.records()).filter((r) => r.userKey === 'discord:9');
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toMatchObject({ level: 40, reason: 'other-key' });
        const logged = await second.logs.text();
        expect(logged).not.toContain(MUSIC_U);
        expect(logged).not.toContain(NICKNAME);
        await second.stores.close();

        // The record is kept: putting the right secret back brings the login back.
        const third = await harness.open({ config: { sessionSecret: 'the-first-secret-0123456789' } });
        expect(await third.stores.sessions.get('discord:9')).toMatchObject(alice);
      });

      it('does not open a record copied to another user, nor a damaged one', async () => {
        const first = await harness.open();
        await first.stores.sessions.set('discord:10', alice);
        await first.stores.close();

        const stolen = (await harness.readRaw('sessions', 'discord:10'))!;
        await harness.writeRaw('sessions', 'discord:11', stolen);
        const parts = stolen.split('.');
        const body = Buffer.from(parts[4]!, 'base64url');
        body[0]! ^= 0x01;
        const flipped = [...parts.slice(0, 4), body.toString('base64url')].join('.');
        await harness.writeRaw('sessions', 'discord:12', flipped);
        await harness.writeRaw('sessions', 'discord:13', 'not encrypted at all');

        const { stores, logs } = await harness.open();
        expect(await stores.sessions.get('discord:10')).toMatchObject(alice);
        expect(await stores.sessions.get('discord:11')).toBeUndefined();
        expect(await stores.sessions.get('discord:12')).toBeUndefined();
        expect(await stores.sessions.get('discord:13')).toBeUndefined();
        const reasons = (await logs.records()).filter((r) => r.reason).map((r) => [r.userKey, r.reason]);
        expect(reasons).toEqual([
          ['discord:11', 'tampered'],
          ['discord:12', 'tampered'],
          ['discord:13', 'malformed'],
        ]);
      });
    });

    describe('settings', () => {
      it('returns the operator defaults until a guild changes something', async () => {
        const { stores } = await harness.open({ config: { defaultLanguage: 'en', idleTimeoutSeconds: 120 } });
        expect(await stores.settings.get('discord:100')).toEqual({
          language: 'en',
          djRoleId: null,
          defaultVolume: 100,
          idleTimeoutSeconds: 120,
          announceChannelId: null,
          stay247: false,
          allowTrialClips: true,
          fairQueue: false,
        });
      });

      it('merges validated patches and keeps them across a restart', async () => {
        const first = await harness.open();
        const merged = await first.stores.settings.update('discord:100', {
          language: 'en',
          defaultVolume: 80,
        });
        expect(merged).toMatchObject({ language: 'en', defaultVolume: 80, fairQueue: false });
        await first.stores.settings.update('discord:100', {
          djRoleId: '123456789012345678',
          fairQueue: true,
        });
        await first.stores.settings.update('telegram:-1001234', { stay247: true });
        await first.stores.close();

        const second = await harness.open();
        expect(await second.stores.settings.get('discord:100')).toMatchObject({
          language: 'en',
          defaultVolume: 80,
          djRoleId: '123456789012345678',
          fairQueue: true,
          stay247: false,
        });
        expect(await second.stores.settings.get('telegram:-1001234')).toMatchObject({ stay247: true });
      });

      it('rejects bad values and unknown fields, naming the field', async () => {
        const { stores } = await harness.open();
        const cases: Array<[unknown, string]> = [
          [{ defaultVolume: 500 }, 'defaultVolume'],
          [{ defaultVolume: 1.5 }, 'defaultVolume'],
          [{ language: 'fr' }, 'language'],
          [{ djRoleId: 'everyone' }, 'djRoleId'],
          [{ idleTimeoutSeconds: -1 }, 'idleTimeoutSeconds'],
          [{ volume: 50 }, 'volume'],
        ];
        for (const [patch, field] of cases) {
          const error = await stores.settings.update('discord:100', patch as never).catch((e: unknown) => e);
          expect(error, JSON.stringify(patch)).toBeInstanceOf(InvalidSettingsError);
          expect((error as InvalidSettingsError).field).toBe(field);
        }
        expect(await stores.settings.get('discord:100')).toMatchObject({
          defaultVolume: 100,
          language: 'zh',
        });
      });

      it('stores only what a guild chose, so new operator defaults reach everyone else', async () => {
        const first = await harness.open({ config: { idleTimeoutSeconds: 300 } });
        await first.stores.settings.update('discord:100', { fairQueue: true });
        await first.stores.settings.update('discord:200', { idleTimeoutSeconds: 60 });
        await first.stores.close();

        const second = await harness.open({ config: { idleTimeoutSeconds: 900 } });
        expect(await second.stores.settings.get('discord:100')).toMatchObject({
          fairQueue: true,
          idleTimeoutSeconds: 900,
        });
        expect(await second.stores.settings.get('discord:200')).toMatchObject({ idleTimeoutSeconds: 60 });
      });

      it('resets some or all fields to the defaults', async () => {
        const { stores } = await harness.open();
        await stores.settings.update('discord:100', { language: 'en', stay247: true, defaultVolume: 50 });
        expect(await stores.settings.reset('discord:100', ['stay247'])).toMatchObject({
          language: 'en',
          stay247: false,
          defaultVolume: 50,
        });
        expect(await stores.settings.reset('discord:100')).toMatchObject({
          language: 'zh',
          defaultVolume: 100,
        });
        expect(await stores.settings.get('discord:100')).toMatchObject({
          language: 'zh',
          defaultVolume: 100,
        });
      });

      it('loses no field when updates to one guild arrive together', async () => {
        const { stores } = await harness.open();
        await Promise.all([
          stores.settings.update('discord:300', { language: 'en' }),
          stores.settings.update('discord:300', { defaultVolume: 30 }),
          stores.settings.update('discord:300', { fairQueue: true }),
          stores.settings.update('discord:300', { stay247: true }),
          stores.settings.update('discord:300', { allowTrialClips: false }),
        ]);
        expect(await stores.settings.get('discord:300')).toMatchObject({
          language: 'en',
          defaultVolume: 30,
          fairQueue: true,
          stay247: true,
          allowTrialClips: false,
        });
      });
    });

    describe('cache', () => {
      it('round-trips JSON values and deletes them', async () => {
        const { stores } = await harness.open();
        const value = { action: 'play', ids: [1, 2, 3], title: '晴天 🌤', nested: { ok: true, none: null } };
        await stores.cache.set('button:abc', value, 60_000);
        expect(await stores.cache.get('button:abc')).toEqual(value);
        await stores.cache.set('count', 0, 60_000);
        expect(await stores.cache.get('count')).toBe(0);
        await stores.cache.delete('button:abc');
        expect(await stores.cache.get('button:abc')).toBeUndefined();
        expect(await stores.cache.get('never-set')).toBeUndefined();
      });

      it('expires entries after their TTL', async () => {
        const { stores } = await harness.open();
        await stores.cache.set('short', 'soon gone', 400);
        await stores.cache.set('long', 'still here', 60_000);
        expect(await stores.cache.get('short')).toBe('soon gone');
        await vi.waitFor(async () => expect(await stores.cache.get('short')).toBeUndefined(), {
          timeout: 5_000,
          interval: 25,
        });
        expect(await stores.cache.get('long')).toBe('still here');
      });

      it('keeps namespaces apart and checks values with a parser', async () => {
        const { stores } = await harness.open();
        const buttons = stores.cache.namespace('buttons');
        await buttons.set('k', { page: 2 }, 60_000);
        await stores.cache.set('k', 'top level', 60_000);
        expect(await buttons.get('k')).toEqual({ page: 2 });
        expect(await stores.cache.get('k')).toBe('top level');
        expect(await buttons.get('k', z.object({ page: z.number() }))).toEqual({ page: 2 });
        expect(await buttons.get('k', z.object({ page: z.string() }))).toBeUndefined();
      });

      it('refuses values JSON cannot carry and TTLs that are not positive', async () => {
        const { stores } = await harness.open();
        await expect(stores.cache.set('k', undefined as never, 1_000)).rejects.toThrow(/JSON/);
        await expect(stores.cache.set('k', 'v', 0)).rejects.toThrow(RangeError);
        await expect(stores.cache.set('k', 'v', Number.NaN)).rejects.toThrow(RangeError);
        await expect(stores.cache.get('')).rejects.toThrow(TypeError);
      });

      it('serves the Telegram file_id cache per song and quality', async () => {
        const { stores } = await harness.open();
        const files = createTelegramFileCache(stores.cache);
        const ref = { fileId: 'CQACAgUAAxkBAAI', fileUniqueId: 'AgADxyz', size: 4_567_890 };
        await files.set(186_016, 'exhigh', ref);
        expect(await files.get(186_016, 'exhigh')).toEqual(ref);
        expect(await files.get(186_016, 'lossless')).toBeUndefined();
        await files.delete(186_016, 'exhigh');
        expect(await files.get(186_016, 'exhigh')).toBeUndefined();
      });
    });

    describe('lifecycle', () => {
      it('closes idempotently after flushing', async () => {
        const { stores } = await harness.open();
        await stores.settings.update('discord:1', { stay247: true });
        await stores.flush();
        await Promise.all([stores.close(), stores.close()]);
        await stores.close();
        const again = await harness.open();
        expect(await again.stores.settings.get('discord:1')).toMatchObject({ stay247: true });
      });
    });
  });
}
