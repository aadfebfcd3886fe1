import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('defaults every URL to the real services and needs no setting at all', () => {
    const config = loadConfig({});
    expect(config.discord.apiUrl).toBe('https://discord.com/api');
    expect(config.telegram.apiRoot).toBe('https://api.telegram.org');
    expect(config.netease.baseUrl).toBeUndefined();
    expect(config.netease.requestsPerSecond).toBe(2);
    expect(config.redisUrl).toBeUndefined();
    expect(config.log.level).toBe('info');
    expect(config.dataDir).toMatch(/data$/);
  });

  it('reads and normalises settings', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 'abc',
      DISCORD_GUILD_ID: '123456789012345678',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
      NETEASE_BASE_URL: 'http://127.0.0.1:3000',
      NETEASE_REAL_IP: '116.25.146.177',
      NETEASE_RATE_LIMIT: '5',
      REDIS_URL: 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'debug',
    });
    expect(config.discord.guildId).toBe('123456789012345678');
    expect(config.telegram.apiRoot).toBe('http://127.0.0.1:8081');
    expect(config.netease).toMatchObject({ baseUrl: 'http://127.0.0.1:3000', realIp: '116.25.146.177' });
    expect(config.netease.requestsPerSecond).toBe(5);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('treats empty values as unset, as docker-compose passes them', () => {
    expect(loadConfig({ REDIS_URL: '', DISCORD_TOKEN: '  ' }).redisUrl).toBeUndefined();
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.netease)).toBe(true);
  });

  it.each([
    [{ NETEASE_REAL_IP: 'not-an-ip' }, 'NETEASE_REAL_IP must be an IP address'],
    [{ NETEASE_BASE_URL: 'music.163.com' }, 'NETEASE_BASE_URL must be a URL'],
    [{ NETEASE_RATE_LIMIT: 'fast' }, 'NETEASE_RATE_LIMIT must be a number'],
    [{ NETEASE_RATE_LIMIT: '0' }, 'NETEASE_RATE_LIMIT must be at least 0.1'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET must be at least 16 characters'],
    [{ TELEGRAM_TOKEN: 'nonsense' }, 'TELEGRAM_TOKEN must look like'],
    [{ DISCORD_TOKEN: 'x', DISCORD_GUILD_ID: 'general' }, 'DISCORD_GUILD_ID must be a server id'],
    [{ NETEASE_WEAPI_KEY: 'short' }, 'NETEASE_WEAPI_KEY must be 16 letters or digits'],
  ])('rejects %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it.each([
    [
      {
        TELEGRAM_TOKEN: '123:abcdefghijklmnopqrstuvwxyz',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg',
      },
      'TELEGRAM_WEBHOOK_SECRET must be set',
    ],
    [
      { TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg', TELEGRAM_WEBHOOK_SECRET: 's' },
      'TELEGRAM_TOKEN is not',
    ],
    [{ DISCORD_GUILD_ID: '123456789012345678' }, 'DISCORD_TOKEN is not'],
  ])('rejects contradictory settings %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
