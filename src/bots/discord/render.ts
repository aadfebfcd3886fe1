/**
 * Neutral replies as Discord messages: text as content, cards and lists as embeds (cover art as
 * the thumbnail), pages as buttons that edit the message in place, a list's pick menu as a select
 * menu, images and files as attachments. Discord's size limits are applied here, so a command
 * never has to know them; a message Discord would refuse is cut down rather than lost.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { Translate } from '../../commands/i18n/index.ts';
import type { ActionRef, Button, ListReply, Reply } from '../../commands/reply.ts';
import type { Rich } from '../../commands/rich-text.ts';
import { neteaseUrl } from '../../netease/links.ts';
import { actionId, CUSTOM_ID_LIMIT, selectId } from './component-ids.ts';
import { clip, escapeMarkdown, toMarkdown } from './markdown.ts';

/** NetEase Cloud Music's red, so the bot's messages are recognisable at a glance. */
export const EMBED_COLOR = 0xc20c0c;

export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  embedTotal: 6000,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  selectOptions: 25,
  selectText: 100,
} as const;

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

export interface DiscordFile {
  attachment: Buffer;
  name: string;
  contentType?: string;
}

/** One message to send or edit; `ephemeral` only matters for interaction replies. */
export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: ActionRow[];
  files: DiscordFile[];
  ephemeral: boolean;
}

export interface RenderDeps {
  t: Translate;
  /** dispatcher.encodeAction: packs an action into ≤ 64 bytes (parking big ones in the store). */
  encodeAction(ref: ActionRef): Promise<string>;
}

const STYLES: Record<
  NonNullable<Button['style']>,
  ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger
> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
};

/** An action that names a page shows another page of the same reply: it edits in place. */
function isPageAction(ref: ActionRef): boolean {
  return 'page' in ref.args;
}

class ComponentBuilder {
  readonly rows: ActionRow[] = [];
  private index = 0;

  constructor(
    private readonly deps: RenderDeps,
    /** Buttons answer the presser alone (the now-playing card). */
    private readonly quiet = false,
  ) {}

  async buttonRow(buttons: readonly Button[]): Promise<void> {
    const components: APIButtonComponent[] = [];
    for (const button of buttons.slice(0, LIMITS.buttonsPerRow)) {
      const rendered = await this.button(button);
      if (rendered) components.push(rendered);
    }
    if (components.length > 0 && this.rows.length < LIMITS.rows) {
      this.rows.push({ type: ComponentType.ActionRow, components });
    }
  }

  async select(menu: NonNullable<ListReply['select']>): Promise<void> {
    if (menu.options.length === 0 || this.rows.length >= LIMITS.rows) return;
    const options: APIStringSelectComponent['options'] = [];
    for (const option of menu.options.slice(0, LIMITS.selectOptions)) {
      const value = await this.deps.encodeAction(option.action);
      if (value.length > CUSTOM_ID_LIMIT) continue;
      options.push({
        label: clip(option.label || '…', LIMITS.selectText),
        value,
        ...(option.description ? { description: clip(option.description, LIMITS.selectText) } : {}),
      });
    }
    if (options.length === 0) return;
    this.rows.push({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: selectId(this.index++),
          placeholder: clip(menu.placeholder, 150),
          options,
          min_values: 1,
          max_values: 1,
        },
      ],
    });
  }

  private async button(button: Button): Promise<APIButtonComponent | undefined> {
    const label = clip(button.label, LIMITS.buttonLabel);
    const emoji = button.emoji ? { emoji: { name: button.emoji } } : {};
    if (button.url) {
      if (!/^https?:\/\//i.test(button.url)) return undefined;
      return { type: ComponentType.Button, style: ButtonStyle.Link, url: button.url, label, ...emoji };
    }
    if (!button.action) return undefined;
    const payload = await this.deps.encodeAction(button.action);
    const answer = this.quiet ? 'quiet' : isPageAction(button.action) ? 'in-place' : 'new';
    const customId = actionId(this.index++, payload, answer);
    if (customId.length > CUSTOM_ID_LIMIT) return undefined;
    return {
      type: ComponentType.Button,
      style: STYLES[button.style ?? 'secondary'],
      custom_id: customId,
      label,
      ...emoji,
    };
  }
}

function md(node: Rich | undefined, max: number): string {
  return node === undefined ? '' : clip(toMarkdown(node), max);
}

/** Keeps an embed under Discord's 6000-character total by trimming the longest parts first. */
function fitEmbed(embed: APIEmbed): APIEmbed {
  const size = () =>
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  while (size() > LIMITS.embedTotal && embed.fields && embed.fields.length > 0) embed.fields.pop();
  const excess = size() - LIMITS.embedTotal;
  if (excess > 0 && embed.description) {
    embed.description = clip(embed.description, Math.max(1, embed.description.length - excess));
  }
  return embed;
}

function listDescription(reply: ListReply): string {
  const lines = reply.items.map((item, i) => `\`${reply.firstNumber + i}.\` ${toMarkdown(item)}`);
  // Whole lines only: a list cut mid-item reads as a rendering bug.
  let text = '';
  for (const line of lines) {
    const next = text ? `${text}\n${line}` : line;
    if (next.length > LIMITS.description - 2) return `${text}\n…`;
    text = next;
  }
  return text;
}

function isValidUrl(url: string | undefined): url is string {
  return !!url && /^https?:\/\//i.test(url);
}

export interface RenderOptions {
  /** Buttons answer the presser alone instead of the channel (the now-playing card's controls). */
  quietButtons?: boolean;
}

async function renderOne(
  reply: Exclude<Reply, { kind: 'multi' }>,
  deps: RenderDeps,
  options: RenderOptions,
): Promise<DiscordMessage> {
  const components = new ComponentBuilder(deps, options.quietButtons === true);
  const message: DiscordMessage = {
    content: '',
    embeds: [],
    components: components.rows,
    files: [],
    ephemeral: reply.private === true,
  };

  switch (reply.kind) {
    case 'text':
      message.content = md(reply.text, LIMITS.content);
      break;
    case 'card': {
      const embed: APIEmbed = { color: EMBED_COLOR, title: clip(reply.title, LIMITS.title) };
      if (isValidUrl(reply.url)) embed.url = reply.url;
      if (reply.description !== undefined) embed.description = md(reply.description, LIMITS.description);
      if (reply.fields?.length) {
        embed.fields = reply.fields.slice(0, LIMITS.fields).map((field) => ({
          name: clip(field.name, LIMITS.fieldName) || '\u200b',
          value: md(field.value, LIMITS.fieldValue) || '\u200b',
          inline: field.inline ?? false,
        }));
      }
      if (isValidUrl(reply.thumbnailUrl)) embed.thumbnail = { url: reply.thumbnailUrl };
      if (reply.footer) embed.footer = { text: clip(reply.footer, LIMITS.footer) };
      message.embeds.push(fitEmbed(embed));
      break;
    }
    case 'list': {
      const footer = [
        reply.pageCount > 1 ? deps.t('common.page', { page: reply.page, pages: reply.pageCount }) : '',
        reply.footer ?? '',
      ]
        .filter(Boolean)
        .join(' · ');
      const embed: APIEmbed = {
        color: EMBED_COLOR,
        title: clip(reply.title, LIMITS.title),
        description: listDescription(reply) || '\u200b',
      };
      if (footer) embed.footer = { text: clip(footer, LIMITS.footer) };
      message.embeds.push(fitEmbed(embed));
      if (reply.pager && reply.pageCount > 1) {
        const to = (page: number): ActionRef => ({
          ...reply.pager!,
          args: { ...reply.pager!.args, page },
        });
        const pager: Button[] = [];
        if (reply.page > 1)
          pager.push({ label: deps.t('common.previous'), emoji: '◀', action: to(reply.page - 1) });
        if (reply.page < reply.pageCount) {
          pager.push({ label: deps.t('common.next'), emoji: '▶', action: to(reply.page + 1) });
        }
        await components.buttonRow(pager);
      }
      if (reply.select) await components.select(reply.select);
      break;
    }
    case 'image': {
      const name = safeFilename(reply.filename, 'image.png');
      message.files.push({ attachment: reply.image, name, contentType: contentTypeOf(name) });
      const embed: APIEmbed = { color: EMBED_COLOR, image: { url: `attachment://${name}` } };
      if (reply.caption !== undefined) embed.description = md(reply.caption, LIMITS.description);
      message.embeds.push(embed);
      break;
    }
    case 'audio': {
      // Discord plays songs in voice, so the adapter never offers audio files; if a command
      // sends one anyway, a link is the useful fallback.
      const artists = reply.song.artists.map((artist) => artist.name).join(' / ');
      const line = `♪ [${escapeMarkdown(reply.song.name)}](${neteaseUrl('song', reply.song.id)}) — ${escapeMarkdown(artists)}`;
      message.content = clip(
        [line, reply.caption ? toMarkdown(reply.caption) : ''].filter(Boolean).join('\n'),
        LIMITS.content,
      );
      break;
    }
    case 'file': {
      const name = safeFilename(reply.filename, 'file.txt', false);
      message.files.push({ attachment: reply.data, name, contentType: contentTypeOf(name) });
      message.content = md(reply.caption, LIMITS.content);
      break;
    }
  }

  for (const row of reply.buttons ?? []) await components.buttonRow(row);
  // Discord refuses a message with nothing in it (50006).
  if (!message.content && message.embeds.length === 0 && message.files.length === 0)
    message.content = '\u200b';
  return message;
}

/** A reply as the messages it takes: one, or several for a `multi` reply. */
export async function renderReply(
  reply: Reply,
  deps: RenderDeps,
  options: RenderOptions = {},
): Promise<DiscordMessage[]> {
  if (reply.kind === 'multi') {
    const parts = await Promise.all(reply.parts.map((part) => renderReply(part, deps, options)));
    return parts.flat();
  }
  return [await renderOne(reply, deps, options)];
}

/**
 * Image names end up in `attachment://` URLs and Discord rewrites names it dislikes, which would
 * break the reference: those stay plain ASCII. Other files keep their (Chinese) title.
 */
function safeFilename(name: string, fallback: string, asciiOnly = true): string {
  const cleaned = name.replace(asciiOnly ? /[^\w.-]+/g : /[\s/\\:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 100);
  return cleaned && cleaned !== '.' ? cleaned : fallback;
}

function contentTypeOf(name: string): string {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  const types: Record<string, string> = {
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    lrc: 'text/plain; charset=utf-8',
    txt: 'text/plain; charset=utf-8',
    mp3: 'audio/mpeg',
    flac: 'audio/flac',
  };
  return types[ext] ?? 'application/octet-stream';
}
