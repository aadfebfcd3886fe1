import { describe, expect, it } from 'vitest';
import {
  eapiDecryptRequest,
  eapiDecryptResponse,
  eapiDigest,
  eapiEncrypt,
  eapiEncryptResponse,
  encryptedId,
  linuxapiEncrypt,
  randomSecKey,
  weapiDecrypt,
  weapiEncrypt,
  weapiEncSecKey,
} from '../../src/netease/crypto.ts';

// Known-answer vectors from netease-protocol.md §8 (the reference client with its random key fixed).
const WEAPI_TEXT = '{"s":"周杰伦","type":1,"limit":30,"offset":0,"csrf_token":""}';
const WEAPI_PARAMS =
  'Kkrj7+Pzb30CApiPvhmpN0IJ21ClKYO26RWJdekKy5MruH9z8EcQK1kDVMHVLq6QBJoY2f1JHQa8qGol8u8nZlPGL7FkVbgk1/EEEdYnjq7D5WmosYSs5ibEaKLK1yGGgL5cGPmzSRSYGoikOyB3tw==';
const WEAPI_ENCSECKEY =
  'd473b9eca232f1b4090dd606b0df86de318748dd2eec307e4ed4345030fc4ee30331e598f41d5a6f5befaab94630ea1a1eda7cfade84fbec1a907913d2e4d2c8744bc572b99a050075e075b4537f645ecfa994f95906c32818e076aeda6bdb906bfa0bb96c4cf4bc3ed6d9ab76cf08441153d9d85e1ea3d78fa8d9210d581cee';
const EAPI_URL = '/api/cloudsearch/pc';
const EAPI_TEXT =
  '{"s":"海阔天空","type":1,"limit":30,"offset":0,"total":true,"e_r":false,"header":{"os":"pc","appver":"3.1.17.204416","__csrf":"","requestId":"1700000000000_0001"}}';
const EAPI_PARAMS =
  '2B5D64177AA6460FBAA3DCB1285E28954BBB4F7556E09B0FB25750F12398BB50327BB1B330EEC8D8681261926D2FE69CB676D727589A690810B7C3D0C2835446D753A81DA5F0FA39074199F024F0F2E407C432A9B3ECF4ECA5FBFBD501E026842A0BE5EE12C5ACDB01AECD5781C701548AB2A0BE7A72A6583F01E8DF9A69210F255617E2B11D3B5F184D82D421212D7A004D97053605078AB6ED04788804CC26A1F040A185FDA41C02EB0A916F917A077A77BB0CA3D2C3226FD8EDD74FF2BFB1A5CE0450CEA08AFDF5F0BA2784D3A518D53E6B0571844C7D9914CFC0FFDA59D5830DBF7F8257BB9079984B8DB3CD0137EA7BC01930C41600E36AB55B6DAB05C7';
const EAPI_RESPONSE_HEX =
  'DCC52B3013E9B66C038F8E027E580ECE8F945287CF326CC17CF90BF0EA94A36DDE364898FB83EB07132432B0FAD4275A9ABA389A549A7F4A0C2082088D878D9F';

describe('weapi', () => {
  it('matches the reference params and encSecKey for a fixed session key', () => {
    const form = weapiEncrypt(WEAPI_TEXT, 'aaaaaaaaaaaaaaaa');
    expect(form.params).toBe(WEAPI_PARAMS);
    expect(form.encSecKey).toBe(WEAPI_ENCSECKEY);
  });

  it('round-trips through the server-side decryption', () => {
    const key = randomSecKey();
    const text = JSON.stringify({ c: '[{"id":186016}]', csrf_token: 'abc', note: '晴天 ☀️' });
    expect(weapiDecrypt(weapiEncrypt(text, key).params, key)).toBe(text);
  });

  it('cannot be read with the wrong session key', () => {
    const form = weapiEncrypt(WEAPI_TEXT, 'aaaaaaaaaaaaaaaa');
    expect(() => weapiDecrypt(form.params, 'bbbbbbbbbbbbbbbb')).toThrow();
  });

  it('draws session keys of 16 alphanumerics that differ between calls', () => {
    const keys = new Set(Array.from({ length: 50 }, () => randomSecKey()));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9]{16}$/);
  });

  it('pads the RSA result to 256 hex characters', () => {
    expect(weapiEncSecKey('0000000000000001')).toHaveLength(256);
  });
});

describe('eapi', () => {
  it('matches the reference digest and params', () => {
    expect(eapiDigest(EAPI_URL, EAPI_TEXT)).toBe('ed5b5561f94149947fd6393c152bc9dc');
    expect(eapiEncrypt(EAPI_URL, EAPI_TEXT)).toBe(EAPI_PARAMS);
  });

  it('splits a request back into url, payload and a valid digest', () => {
    const request = eapiDecryptRequest(EAPI_PARAMS);
    expect(request).toEqual({
      url: EAPI_URL,
      text: EAPI_TEXT,
      digest: 'ed5b5561f94149947fd6393c152bc9dc',
      digestValid: true,
    });
  });

  it('notices a digest that does not match the payload', () => {
    const forged = eapiEncrypt(EAPI_URL, EAPI_TEXT).slice(0, -32);
    // Dropping the last block breaks the padding, so decryption fails outright.
    expect(() => eapiDecryptRequest(forged)).toThrow();
  });

  it('decrypts the reference e_r response', () => {
    expect(eapiDecryptResponse(Buffer.from(EAPI_RESPONSE_HEX, 'hex'))).toBe(
      '{"code":200,"data":[{"id":186016,"url":null,"code":404}]}',
    );
  });

  it('round-trips gzip-compressed e_r responses (x-aeapi)', () => {
    const json = JSON.stringify({ code: 200, songs: [{ id: 1, name: '稻香' }] });
    expect(eapiDecryptResponse(eapiEncryptResponse(json, true))).toBe(json);
    expect(eapiEncryptResponse(json, false).equals(eapiEncryptResponse(json, false))).toBe(true);
  });
});

describe('legacy ciphers', () => {
  it('computes encrypted ids for image and legacy audio paths', () => {
    expect(encryptedId('3406283419735337')).toBe('LRRC95VUjPe-q2fMqpB8DA==');
    expect(encryptedId('1407374893913311')).toBe('H3QxWdf0eUiwmhJvA4vrMQ==');
  });

  it('encrypts linuxapi as uppercase hex blocks', () => {
    const hex = linuxapiEncrypt('{"method":"POST"}');
    expect(hex).toMatch(/^[0-9A-F]+$/);
    expect(hex.length % 32).toBe(0);
  });
});
