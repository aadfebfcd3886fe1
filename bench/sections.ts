/** The benchmark sections `bench/run.ts` knows, in the order BENCHMARKS.md lists them. */
import { benchAudio } from './audio.ts';
import { benchNetease } from './netease.ts';

export interface BenchSection {
  id: string;
  title: string;
  run(): Promise<string>;
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);

export const sections: BenchSection[] = [
  {
    id: 'netease',
    title: 'NetEase client overhead',
    async run() {
      const r = await benchNetease();
      return [
        `Against a loopback server answering a fixed cloudsearch body (${r.iterations} iterations, medians).`,
        '',
        '| what | cost |',
        '|---|---|',
        `| plain HTTP POST + read (the floor) | ${fixed(r.rawHttpMs)} ms |`,
        `| search through the client, cache off | ${fixed(r.requestMs)} ms |`,
        `| client overhead per request | ${fixed(r.overheadMs)} ms (${fixed(r.requestMs / r.rawHttpMs)}× the bare request) |`,
        `| search answered from the cache | ${fixed(r.cacheHitUs, 1)} µs |`,
        `| weapi encryption of one request (incl. RSA) | ${fixed(r.weapiEncryptUs, 1)} µs |`,
        `| eapi encryption of one request | ${fixed(r.eapiEncryptUs, 1)} µs |`,
        `| decrypting a ~20 KB \`e_r\` answer | ${fixed(r.eapiDecryptResponseUs, 1)} µs |`,
      ].join('\n');
    },
  },
  {
    id: 'audio',
    title: 'Audio pipeline',
    async run() {
      const r = await benchAudio();
      const cpu = r.cpuSecondsPerAudioSecond;
      return [
        `ffmpeg: ${r.ffmpeg.version} (${r.ffmpeg.source}${r.ffmpeg.niced ? ', niced' : ''}); input: ${r.input}.`,
        '',
        '| what | value |',
        '|---|---|',
        `| stream creation → first Opus packet | median ${fixed(r.firstPacketMs.median, 0)} ms, p95 ${fixed(r.firstPacketMs.p95, 0)} ms (${r.firstPacketMs.runs} runs) |`,
        `| ffmpeg CPU per second of audio (unpaced) | ${cpu === null ? 'n/a' : `${fixed(cpu, 4)} CPU-s (${fixed(cpu * 100, 2)}% of a core while playing in real time)`} |`,
        `| transcode speed | ${fixed(r.realtimeFactor, 0)}× real time (${r.transcodeRuns} runs) |`,
      ].join('\n');
    },
  },
];
