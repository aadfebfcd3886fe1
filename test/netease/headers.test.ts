import { describe, expect, it } from 'vitest';
import { CookieJar } from '../../src/netease/cookie-jar.ts';
import {
  APP_PROFILE,
  appHeaderObject,
  createDeviceProfile,
  DESKTOP_USER_AGENT,
  MOBILE_USER_AGENT,
  requestHeaders,
  serializeCookies,
  weapiCookies,
} from '../../src/netease/headers.ts';

const device = createDeviceProfile(1_700_000_000_000);

describe('device profile', () => {
  it('looks like one installed client', () => {
    expect(device.deviceId).toMatch(/^[0-9A-F]{32}$/);
    expect(device.nuid).toMatch(/^[0-9a-f]{32}$/);
    expect(device.wnmcid).toMatch(/^[a-z]{6}\.1700000000000\.01\.0$/);
    expect(createDeviceProfile().deviceId).not.toBe(device.deviceId);
  });
});

describe('weapi cookies', () => {
  it('has the desktop defaults, the jar on top, and the anonymous token only without a login', () => {
    const anonymous = weapiCookies(device, new CookieJar(), '/api/cloudsearch/pc', 'ANON');
    expect(anonymous).toMatchObject({
      __remember_me: 'true',
      os: 'pc',
      appver: APP_PROFILE.appver,
      deviceId: device.deviceId,
      _ntes_nnid: `${device.nuid},1700000000000`,
      NMTID: device.nmtid,
      MUSIC_A: 'ANON',
    });
    const user = weapiCookies(device, new CookieJar('MUSIC_U=u1; __csrf=c1; os=ios'), '/api/x', 'ANON');
    expect(user).toMatchObject({ MUSIC_U: 'u1', __csrf: 'c1', os: 'ios' });
    expect(user.MUSIC_A).toBeUndefined();
  });

  it('leaves NMTID out of login calls', () => {
    expect(
      weapiCookies(device, new CookieJar(), '/api/login/qrcode/unikey', undefined).NMTID,
    ).toBeUndefined();
  });
});

describe('app header object (eapi/api cookie)', () => {
  it('carries the client fields, csrf and the login', () => {
    const header = appHeaderObject(
      device,
      new CookieJar('MUSIC_U=u1; __csrf=c1; NMTID=x'),
      'ANON',
      1_700_000_000_123,
    );
    expect(header).toMatchObject({
      os: 'pc',
      appver: APP_PROFILE.appver,
      versioncode: '140',
      buildver: '1700000000',
      resolution: '1920x1080',
      __csrf: 'c1',
      MUSIC_U: 'u1',
    });
    expect(header.requestId).toMatch(/^1700000000123_\d{4}$/);
    expect(header.MUSIC_A).toBeUndefined();
    // Only the header object: other jar cookies are not sent on these transports.
    expect(header.NMTID).toBeUndefined();
  });

  it('uses the anonymous token without a login', () => {
    expect(appHeaderObject(device, new CookieJar(), 'ANON').MUSIC_A).toBe('ANON');
    expect(appHeaderObject(device, new CookieJar(), undefined).MUSIC_A).toBeUndefined();
  });
});

describe('request headers', () => {
  it('uses the desktop UA and referer for weapi, the mobile UA otherwise', () => {
    const weapi = requestHeaders({ transport: 'weapi', cookie: 'a=1' });
    expect(weapi['user-agent']).toBe(DESKTOP_USER_AGENT);
    expect(weapi.referer).toBe('https://music.163.com');
    expect(weapi.cookie).toBe('a=1');
    const eapi = requestHeaders({ transport: 'eapi', cookie: 'a=1', gzipEncryptedResponse: true });
    expect(eapi['user-agent']).toBe(MOBILE_USER_AGENT);
    expect(eapi['x-aeapi']).toBe('true');
    expect(eapi.referer).toBeUndefined();
  });

  it('adds X-Real-IP and X-Forwarded-For only when configured', () => {
    expect(requestHeaders({ transport: 'api', cookie: '' })['x-real-ip']).toBeUndefined();
    const headers = requestHeaders({ transport: 'api', cookie: '', realIp: '116.25.146.177' });
    expect(headers['x-real-ip']).toBe('116.25.146.177');
    expect(headers['x-forwarded-for']).toBe('116.25.146.177');
  });

  it('serialises cookies URI-encoded', () => {
    expect(serializeCookies({ a: '1', 'b c': 'd;e' })).toBe('a=1; b%20c=d%3Be');
  });
});
