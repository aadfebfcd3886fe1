/**
 * Routes Discord interactions to the neutral dispatcher: slash commands, autocomplete, buttons
 * and select menus. Each handler answers within Discord's 3 seconds: quick work replies directly,
 * anything slower is deferred first and filled in when done (voice commands defer at once, since
 * joining a channel alone can take a second or two). Nothing thrown here escapes: a failure is
 * logged and, when the interaction can still be answered, explained to the user.
 */
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
  MessageComponentInteraction,
  RepliableInteraction,
  StringSelectMenuInteraction,
} from 'discord.js';
import type { Dispatcher } from '../../commands/dispatcher.ts';
import type { RawArgs } from '../../commands/parse-args.ts';
import type { Reply } from '../../commands/reply.ts';
import type { Services } from '../../commands/services.ts';
import { type ComponentId, parseComponentId } from './component-ids.ts';
import { type AdapterDeps, buildContext, localeOf } from './context.ts';
import { InteractionResponder } from './responder.ts';

export interface InteractionDeps extends AdapterDeps {
  dispatcher: Dispatcher<Services>;
  timing?: Partial<InteractionTiming>;
}

export interface InteractionTiming {
  /** Work still running after this long is deferred, leaving the rest of Discord's 3 s for the call. */
  deferAfterMs: number;
  /** Autocomplete cannot be deferred: an answer later than this is replaced by no suggestions. */
  autocompleteBudgetMs: number;
}

const DEFAULT_TIMING: InteractionTiming = { deferAfterMs: 1_200, autocompleteBudgetMs: 2_500 };
const CHOICE_LIMIT = 25;
const CHOICE_TEXT = 100;

interface RespondOptions {
  /** Defer before starting the work (it is known to be slow). */
  deferNow: boolean;
  /** Visibility of the "thinking" message, should there be one. */
  ephemeral: boolean;
}

export function createInteractionHandler(deps: InteractionDeps): (interaction: Interaction) => Promise<void> {
  const timing = { ...DEFAULT_TIMING, ...deps.timing };
  const { dispatcher, logger } = deps;

  /** Runs the work, deferring when it is slow, then shows whatever it returned. */
  async function respond(
    responder: InteractionResponder,
    work: () => Promise<Reply | undefined>,
    options: RespondOptions,
    renderLocale: Parameters<AdapterDeps['renderer']>[0],
  ): Promise<void> {
    let deferral: Promise<void> | undefined;
    const deferNow = () => {
      deferral ??= responder.defer(options.ephemeral).catch((error: unknown) => {
        logger.warn({ err: error }, 'could not defer an interaction');
      });
      return deferral;
    };
    let timer: NodeJS.Timeout | undefined;
    if (options.deferNow) await deferNow();
    else timer = setTimeout(deferNow, timing.deferAfterMs);
    let reply: Reply | undefined;
    try {
      reply = await work();
    } finally {
      clearTimeout(timer);
      await deferral;
    }
    if (!reply) {
      // The command answered elsewhere (a DM) or not at all: no "thinking…" left behind.
      await responder.finish();
      return;
    }
    for (const message of await deps.renderer(renderLocale)(reply)) await responder.deliver(message);
  }

  /** Last resort for failures outside the dispatcher (rendering, Discord calls): tell the user if possible. */
  async function explainFailure(
    interaction: RepliableInteraction,
    responder: InteractionResponder,
    error: unknown,
  ) {
    try {
      const ctx = buildContext(interaction, responder, deps, { privateCommand: false });
      const reply = dispatcher.failureReply(ctx, error, `discord interaction ${interaction.id}`);
      const [message] = await deps.renderer(ctx.locale)(reply);
      if (message) await responder.deliver({ ...message, ephemeral: true });
    } catch (inner) {
      // The interaction expired or Discord is unreachable: nothing more to do than log.
      logger.debug({ err: inner }, 'could not tell the user about a failure');
    }
  }

  async function onChatInput(interaction: ChatInputCommandInteraction): Promise<void> {
    const command = dispatcher.find(interaction.commandName);
    const needs = command?.needs ?? [];
    const privateCommand = needs.includes('private');
    const responder = new InteractionResponder(
      interaction,
      deps.renderer(localeOf(interaction, deps.defaultLocale)),
    );
    try {
      const ctx = buildContext(interaction, responder, deps, { privateCommand });
      const values: RawArgs = {};
      for (const option of interaction.options.data) {
        if (option.value !== undefined) values[option.name] = option.value;
      }
      await respond(
        responder,
        () => dispatcher.runValues(ctx, interaction.commandName, values),
        { deferNow: needs.includes('voice'), ephemeral: privateCommand },
        ctx.locale,
      );
    } catch (error) {
      logger.error({ err: error, command: interaction.commandName }, 'slash command handling failed');
      await explainFailure(interaction, responder, error);
    }
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const ctx = buildContext(interaction, undefined, deps, { privateCommand: false });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<[]>((resolve) => {
      timer = setTimeout(() => resolve([]), timing.autocompleteBudgetMs);
    });
    try {
      const choices = await Promise.race([
        dispatcher.autocomplete(ctx, interaction.commandName, focused.name, String(focused.value ?? '')),
        late,
      ]);
      await interaction.respond(
        choices
          .slice(0, CHOICE_LIMIT)
          .filter((choice) => choice.name && choice.value && choice.value.length <= CHOICE_TEXT)
          .map((choice) => ({ name: choice.name.slice(0, CHOICE_TEXT), value: choice.value })),
      );
    } catch (error) {
      // Typing moved on (the interaction expired): suggestions are a nicety, never an error.
      logger.debug({ err: error, command: interaction.commandName }, 'autocomplete answer failed');
    } finally {
      clearTimeout(timer);
    }
  }

  async function onComponent(interaction: ButtonInteraction | StringSelectMenuInteraction): Promise<void> {
    const id = parseComponentId(interaction.customId);
    const payload = componentPayload(interaction, id);
    const inPlace = id?.kind === 'action' && id.inPlace;
    const quiet = id?.kind === 'action' && id.quiet;
    const locale = localeOf(interaction, deps.defaultLocale);
    const responder = new InteractionResponder(interaction, deps.renderer(locale), inPlace);
    try {
      const ctx = buildContext(interaction, responder, deps, { privateCommand: false });
      const work = async (): Promise<Reply | undefined> => {
        if (id?.kind === 'now-playing' && id.verb === 'like' && id.songId !== undefined) {
          return dispatcher.runValues(ctx, 'like', { query: String(id.songId) });
        }
        // Unknown or stale ids go through the dispatcher too, which answers "expired button".
        return dispatcher.runAction(ctx, payload ?? '');
      };
      const run = quiet ? async () => privately(await work()) : work;
      await respond(responder, run, { deferNow: false, ephemeral: quiet }, locale);
    } catch (error) {
      logger.error({ err: error, customId: interaction.customId }, 'component handling failed');
      await explainFailure(interaction, responder, error);
    }
  }

  return async (interaction: Interaction) => {
    try {
      if (interaction.isChatInputCommand()) await onChatInput(interaction);
      else if (interaction.isAutocomplete()) await onAutocomplete(interaction);
      else if (interaction.isButton() || interaction.isStringSelectMenu()) await onComponent(interaction);
    } catch (error) {
      logger.error({ err: error, interaction: interaction.id }, 'interaction handling failed');
    }
  };
}

function componentPayload(
  interaction: MessageComponentInteraction,
  id: ComponentId | undefined,
): string | undefined {
  if (id?.kind === 'action') return id.payload;
  if (id?.kind === 'select' && interaction.isStringSelectMenu()) return interaction.values[0];
  return undefined;
}

/** Answers to now-playing buttons go to the presser alone: the card itself shows everyone the change. */
function privately(reply: Reply | undefined): Reply | undefined {
  if (!reply) return undefined;
  if (reply.kind === 'multi') return { ...reply, parts: reply.parts.map((part) => privately(part)!) };
  return { ...reply, private: true };
}
