import { describe, expect, it, vi } from 'vitest';
import { CookieJar, parseCookieString, parseSetCookie } from '../../src/netease/cookie-jar.ts';

describe('parseCookieString', () => {
  it('reads name=value pairs, ignoring blanks, attributes and stray spaces', () => {
    const cookies = parseCookieString(' MUSIC_U=abc ; __csrf=def;;Path=/; broken; x=a%20b');
    expect([...cookies]).toEqual([
      ['MUSIC_U', 'abc'],
      ['__csrf', 'def'],
      ['x', 'a b'],
    ]);
  });

  it('keeps values that are not valid URI encoding as they are', () => {
    expect(parseCookieString('a=100%').get('a')).toBe('100%');
  });
});

describe('parseSetCookie', () => {
  it('strips Domain, Path and the other attributes', () => {
    expect(
      parseSetCookie(
        'MUSIC_U=00ABC; Max-Age=1296000; Expires=Tue, 01 Jan 2999 00:00:00 GMT; Path=/; Domain=.music.163.com; HTTPOnly',
      ),
    ).toEqual({ name: 'MUSIC_U', value: '00ABC', deleted: false });
  });

  it('treats Max-Age=0 and a past Expires as deletion', () => {
    expect(parseSetCookie('MUSIC_U=; Max-Age=0; Path=/')?.deleted).toBe(true);
    expect(parseSetCookie('MUSIC_U=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT')?.deleted).toBe(true);
  });

  it('ignores lines without a name', () => {
    expect(parseSetCookie('=x; Path=/')).toBeUndefined();
    expect(parseSetCookie('garbage')).toBeUndefined();
  });
});

describe('CookieJar', () => {
  it('keeps Set-Cookie values and reports the new cookie string once per response', () => {
    const onChange = vi.fn();
    const jar = new CookieJar('MUSIC_U=old; os=pc', onChange);
    jar.applySetCookie(['MUSIC_U=new; Path=/; Domain=.music.163.com', '__csrf=c1; Path=/']);
    expect(jar.get('MUSIC_U')).toBe('new');
    expect(jar.get('__csrf')).toBe('c1');
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith('MUSIC_U=new; os=pc; __csrf=c1');
  });

  it('does not report when nothing changed', () => {
    const onChange = vi.fn();
    const jar = new CookieJar('a=1', onChange);
    expect(jar.applySetCookie(['a=1; Path=/'])).toBe(false);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('deletes cookies the server expires and can be cleared', () => {
    const onChange = vi.fn();
    const jar = new CookieJar('MUSIC_U=x; a=1', onChange);
    jar.applySetCookie(['MUSIC_U=deleted; Max-Age=0']);
    expect(jar.has('MUSIC_U')).toBe(false);
    jar.clear();
    expect(jar.toString()).toBe('');
    expect(onChange).toHaveBeenLastCalledWith('');
  });

  it('round-trips values that need encoding', () => {
    const jar = new CookieJar();
    jar.applySetCookie(['note=a;b']);
    jar.applySetCookie(['v=%E6%99%B4; Path=/']);
    expect(new CookieJar(jar.toString()).get('v')).toBe('晴');
  });
});
