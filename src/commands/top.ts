/**
 * `top [chart] [page]`: NetEase's charts. Without a chart, the list of charts to pick from; with
 * one (its name, its number in that list, its id or link), its tracks in rank order and a
 * button to play the whole chart.
 */
import type { NeteaseApi } from '../netease/client.ts';
import { neteaseUrl, parseNeteaseRef } from '../netease/links.ts';
import type { Toplist } from '../netease/models.ts';
import type { Choice } from './command.ts';
import { defineCommand } from './command.ts';
import { UserError } from './errors.ts';
import type { OptionsSpec } from './options.ts';
import type { ListReply } from './reply.ts';
import { rich } from './rich-text.ts';
import { type Ctx, neteaseFor, type Services } from './services.ts';
import { idArg, pageArg } from './support/action-args.ts';
import { badgeLegend } from './support/badge-legend.ts';
import { counted } from './support/counts.ts';
import { artistNames, pageWindow, songLine, truncate } from './support/format.ts';
import { playCollectionAction, playSongAction } from './support/play-actions.ts';

const PER_PAGE = 10;
/** Charts run to 200-500 songs; the first 200 are what anyone browses (play takes them all). */
const MAX_TRACKS = 200;
const MAX_PAGE = MAX_TRACKS / PER_PAGE;
/** Discord's limit for select menu labels and descriptions, and for autocomplete names. */
const MENU_TEXT = 100;

const options = {
  chart: {
    type: 'string',
    description: {
      en: 'A chart: its name, its number in the list, or its id (default: list the charts)',
      zh: '榜单：名称、列表中的序号或 ID（默认：列出所有榜单）',
    },
    maxLength: MENU_TEXT,
    autocomplete: true,
  },
  page: {
    type: 'integer',
    description: { en: 'Page of the list', zh: '页码' },
    min: 1,
    max: MAX_PAGE,
  },
} as const satisfies OptionsSpec;

/** Width- and case-insensitive, spaces ignored: `ｂｉｌｌｂｏａｒｄ` finds 美国Billboard榜. */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** The chart the user means; a UserError naming the way to list them when there is none. */
export function findChart(charts: readonly Toplist[], input: string): Toplist {
  const text = input.trim();
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    const found = n >= 1 && n <= charts.length ? charts[n - 1] : charts.find((chart) => chart.id === n);
    if (found) return found;
  } else {
    const ref = parseNeteaseRef(text);
    if (ref?.kind === 'toplist' || ref?.kind === 'playlist') {
      const found = charts.find((chart) => chart.id === ref.id);
      if (found) return found;
    } else if (ref?.kind === 'query') {
      const wanted = fold(text);
      const named = charts.map((chart) => ({ chart, name: fold(chart.name) }));
      const found =
        named.find((entry) => entry.name === wanted) ??
        named.find((entry) => entry.name.startsWith(wanted)) ??
        named.find((entry) => entry.name.includes(wanted));
      if (found) return found.chart;
    }
  }
  throw new UserError('top.unknown_chart', { chart: input });
}

function chartList(ctx: Ctx, charts: readonly Toplist[], requested: number): ListReply {
  const { page, pageCount, offset } = pageWindow(charts.length, PER_PAGE, requested);
  const shown = charts.slice(offset, offset + PER_PAGE);
  return {
    kind: 'list',
    title: ctx.t('top.charts_title'),
    items: shown.map((chart) =>
      rich.join([rich.bold(chart.name), chart.updateFrequency ? ` · ${chart.updateFrequency}` : ''], ''),
    ),
    firstNumber: offset + 1,
    page,
    pageCount,
    pager: { command: 'top', name: 'charts', args: {} },
    select: {
      placeholder: ctx.t('top.pick_chart'),
      options: shown.map((chart, i) => ({
        label: truncate(`${offset + i + 1}. ${chart.name}`, MENU_TEXT),
        ...(chart.updateFrequency ? { description: chart.updateFrequency } : {}),
        action: { command: 'top', name: 'chart', args: { id: chart.id } },
      })),
    },
    footer: ctx.t('top.charts_footer'),
  };
}

async function chartTracks(
  ctx: Ctx,
  api: NeteaseApi,
  chartId: number,
  requested: number,
): Promise<ListReply> {
  const [list, charts] = await Promise.all([api.toplist(chartId, { maxTracks: MAX_TRACKS }), api.toplists()]);
  const info = charts.find((chart) => chart.id === chartId);
  if (list.songs.length === 0) throw new UserError('top.empty_chart', { chart: list.name });
  const { page, pageCount, offset } = pageWindow(list.songs.length, PER_PAGE, requested);
  const songs = list.songs.slice(offset, offset + PER_PAGE);
  const footer = [
    [info?.updateFrequency, counted(ctx.t, list.trackIds.length, 'common.song', 'common.songs')]
      .filter(Boolean)
      .join(' · '),
    badgeLegend(ctx.t, songs),
  ];
  return {
    kind: 'list',
    title: ctx.t('top.chart_title', { chart: list.name }),
    items: songs.map((song) => songLine(song, ctx.locale)),
    firstNumber: offset + 1,
    page,
    pageCount,
    pager: { command: 'top', name: 'chart', args: { id: chartId } },
    select: {
      placeholder: ctx.t('top.pick_song'),
      options: songs.map((song, i) => ({
        label: truncate(`${offset + i + 1}. ${song.name}`, MENU_TEXT),
        description: truncate(artistNames(song), MENU_TEXT),
        action: playSongAction(song.id),
      })),
    },
    buttons: [
      [
        {
          label: ctx.t('top.play_all'),
          emoji: '▶',
          style: 'primary',
          action: playCollectionAction('toplist', chartId),
        },
        { label: ctx.t('common.open_netease'), url: neteaseUrl('toplist', chartId) },
      ],
    ],
    footer: footer.filter(Boolean).join('\n'),
  };
}

async function suggestCharts(ctx: Ctx, partial: string): Promise<Choice[]> {
  try {
    const charts = await (await neteaseFor(ctx)).toplists();
    const wanted = fold(partial);
    return charts
      .filter((chart) => fold(chart.name).includes(wanted))
      .slice(0, 25)
      .map((chart) => ({ name: truncate(chart.name, MENU_TEXT), value: String(chart.id) }));
  } catch (error) {
    // Suggestions are a nicety; typing the name still works.
    ctx.logger.debug({ err: error }, 'chart suggestions failed');
    return [];
  }
}

export const top = defineCommand<Services, typeof options>({
  name: 'top',
  description: { en: 'NetEase charts: browse and play them', zh: '网易云音乐排行榜：浏览与播放' },
  help: {
    en: 'Without a chart, lists the charts (飙升榜, 新歌榜, 热歌榜…). Name one, by name, number or id, to see its songs in rank order, pick one to play, or play the whole chart.',
    zh: '不指定榜单时列出所有榜单（飙升榜、新歌榜、热歌榜……）。指定名称、序号或 ID 可查看榜单歌曲，选择一首播放，或播放整个榜单。',
  },
  example: '热歌榜',
  options,
  async run(ctx, args) {
    const api = await neteaseFor(ctx);
    const charts = await api.toplists();
    if (!args.chart) return chartList(ctx, charts, args.page ?? 1);
    return chartTracks(ctx, api, findChart(charts, args.chart).id, args.page ?? 1);
  },
  actions: {
    async charts(ctx, args) {
      const api = await neteaseFor(ctx);
      return chartList(ctx, await api.toplists(), pageArg(args, MAX_PAGE));
    },
    async chart(ctx, args) {
      return chartTracks(ctx, await neteaseFor(ctx), idArg(args, 'id'), pageArg(args, MAX_PAGE));
    },
  },
  autocomplete: async (ctx, option, partial) => (option === 'chart' ? suggestCharts(ctx, partial) : []),
});

export default top;
