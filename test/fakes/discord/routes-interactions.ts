// Interaction callbacks and the interaction webhook (editReply, fetchReply, followUp, ...),
// with Discord's rules: one callback per interaction, response types valid for the interaction
// type, follow-ups only after acknowledging, and "@original" bound to the right message.
import type { FakeContext } from './context.ts';
import { createMessage, deleteMessage, editMessage, MessageFlag } from './message-ops.ts';
import { messagePayload } from './payloads.ts';
import type { Route, RouteRequest } from './rest.ts';
import type { InteractionRecord, Json, StoredMessage } from './types.ts';
import { RestError, validateChoices } from './validate.ts';

const Callback = {
  Message: 4,
  DeferredMessage: 5,
  DeferredUpdate: 6,
  Update: 7,
  Autocomplete: 8,
  Modal: 9,
} as const;

/** Response types Discord accepts per interaction type (2 command, 3 component, 4 autocomplete). */
const ALLOWED: Record<number, number[]> = {
  2: [Callback.Message, Callback.DeferredMessage, Callback.Modal],
  3: [Callback.Message, Callback.DeferredMessage, Callback.DeferredUpdate, Callback.Update, Callback.Modal],
  4: [Callback.Autocomplete],
};

function interactionMeta(record: InteractionRecord): StoredMessage['interaction'] {
  const name = record.type === 2 ? record.payload?.data?.name : undefined;
  return { id: record.id, type: record.type, userId: record.userId, ...(name ? { name } : {}) };
}

function replyMessage(
  ctx: FakeContext,
  record: InteractionRecord,
  body: Json,
  files: RouteRequest['files'],
  extraFlags = 0,
): StoredMessage {
  return createMessage(ctx, {
    allowEmpty: (extraFlags & MessageFlag.Loading) !== 0,
    channelId: record.channelId,
    authorId: ctx.world.bot.id,
    body,
    files,
    allowEphemeral: true,
    extraFlags,
    interaction: interactionMeta(record),
    webhookId: ctx.world.applicationId,
  });
}

function callback(req: RouteRequest, ctx: FakeContext) {
  const record = ctx.interactions.get(req.params.interactionId!);
  if (!record || record.token !== req.params.token) throw new RestError(404, 10062, 'Unknown interaction');
  const deadline = ctx.options.ackDeadlineMs;
  if (deadline !== undefined && Date.now() - record.createdAt > deadline)
    throw new RestError(404, 10062, 'Unknown interaction');
  if (record.callbacks.length > 0)
    throw new RestError(400, 40060, 'Interaction has already been acknowledged.');
  const type = req.body?.type;
  if (!ALLOWED[record.type]?.includes(type)) {
    throw new RestError(400, 50035, 'Invalid Form Body', {
      type: {
        _errors: [
          { code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Response type ${type} is not valid here` },
        ],
      },
    });
  }
  const data: Json = req.body?.data ?? {};
  switch (type) {
    case Callback.Message:
      record.originalMessageId = replyMessage(ctx, record, data, req.files).id;
      break;
    case Callback.DeferredMessage:
      // Discord shows a "thinking" message at once; editReply later fills it in.
      record.originalMessageId = replyMessage(
        ctx,
        record,
        { ...data, content: '' },
        [],
        MessageFlag.Loading,
      ).id;
      break;
    case Callback.DeferredUpdate:
      record.originalMessageId = record.messageId;
      break;
    case Callback.Update: {
      const message = ctx.messages.get(record.messageId!)!;
      editMessage(ctx, message, data, req.files);
      record.originalMessageId = message.id;
      break;
    }
    case Callback.Autocomplete:
      validateChoices(data.choices);
      record.autocompleteChoices = data.choices;
      break;
  }
  record.callbacks.push({ type, data, files: req.files, at: Date.now() });
  record.ackDelayMs = Date.now() - record.createdAt;
  ctx.hub.notify();
  if (req.query.with_response !== 'true') return { status: 204 };
  const original = record.originalMessageId ? ctx.messages.get(record.originalMessageId) : undefined;
  return {
    status: 200,
    body: {
      interaction: {
        id: record.id,
        type: record.type,
        response_message_id: original?.id,
        response_message_loading: original ? (original.flags & MessageFlag.Loading) !== 0 : undefined,
        response_message_ephemeral: original ? (original.flags & MessageFlag.Ephemeral) !== 0 : undefined,
      },
      ...(original || type === Callback.Modal || type === Callback.Autocomplete
        ? {
            resource: {
              type,
              ...(original ? { message: messagePayload(ctx.world, ctx.baseUrl, original) } : {}),
            },
          }
        : {}),
    },
  };
}

function webhookRecord(req: RouteRequest, ctx: FakeContext): InteractionRecord {
  const record = ctx.interactions.withToken(req.params.token!);
  if (!record || req.params.appId !== ctx.world.applicationId)
    throw new RestError(404, 10015, 'Unknown Webhook');
  return record;
}

/** The original response or one of the follow-ups of this interaction. */
function webhookMessage(req: RouteRequest, ctx: FakeContext): StoredMessage {
  const record = webhookRecord(req, ctx);
  const id = req.params.messageId === '@original' ? record.originalMessageId : req.params.messageId!;
  const belongs = id !== null && (id === record.originalMessageId || record.followUpIds.includes(id));
  const message = belongs ? ctx.messages.get(id) : undefined;
  if (!message || message.deleted) throw new RestError(404, 10008, 'Unknown Message');
  return message;
}

const webhookMessageRoutes: Route[] = ['@original', ':messageId'].flatMap((last): Route[] => {
  const template = `/webhooks/:appId/:token/messages/${last}`;
  const withId = (req: RouteRequest): RouteRequest =>
    last === '@original' ? { ...req, params: { ...req.params, messageId: '@original' } } : req;
  return [
    {
      method: 'GET',
      template,
      auth: false,
      handle: (req, ctx) => ({
        status: 200,
        body: messagePayload(ctx.world, ctx.baseUrl, webhookMessage(withId(req), ctx)),
      }),
    },
    {
      method: 'PATCH',
      template,
      auth: false,
      handle: (req, ctx) => {
        const message = webhookMessage(withId(req), ctx);
        editMessage(ctx, message, req.body, req.files);
        return { status: 200, body: messagePayload(ctx.world, ctx.baseUrl, message) };
      },
    },
    {
      method: 'DELETE',
      template,
      auth: false,
      handle: (req, ctx) => {
        deleteMessage(ctx, webhookMessage(withId(req), ctx));
        return { status: 204 };
      },
    },
  ];
});

export const interactionRoutes: Route[] = [
  { method: 'POST', template: '/interactions/:interactionId/:token/callback', auth: false, handle: callback },
  ...webhookMessageRoutes,
  {
    method: 'POST',
    template: '/webhooks/:appId/:token',
    auth: false,
    handle: (req, ctx) => {
      const record = webhookRecord(req, ctx);
      if (record.callbacks.length === 0) throw new RestError(404, 10015, 'Unknown Webhook');
      const original = record.originalMessageId ? ctx.messages.get(record.originalMessageId) : undefined;
      let message: StoredMessage;
      if (original && !original.deleted && original.flags & MessageFlag.Loading) {
        // Discord turns the first follow-up after a deferred reply into that reply (unless the
        // bot deleted the "thinking" message: then the follow-up is a message of its own).
        message = editMessage(ctx, original, req.body, req.files);
      } else {
        message = replyMessage(ctx, record, req.body ?? {}, req.files);
        record.followUpIds.push(message.id);
      }
      ctx.hub.notify();
      if (req.query.wait !== 'true') return { status: 204 };
      return { status: 200, body: messagePayload(ctx.world, ctx.baseUrl, message) };
    },
  },
];
