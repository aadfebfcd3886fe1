import { badRequest, conflict, Reason } from '../errors.ts';
import { Described, type MethodHandler } from './types.ts';

export const getMe: MethodHandler = (_request, state) => state.bot;

export const getUpdates: MethodHandler = ({ params, signal }, state) => {
  if (state.webhook.active) throw conflict(Reason.webhookActive);
  const allowed = params.json<string[]>('allowed_updates', "can't parse allowed updates JSON object");
  const offset = params.int('offset');
  const limit = params.int('limit');
  const timeout = params.int('timeout');
  return state.updates.poll(
    {
      ...(offset !== undefined ? { offset } : {}),
      ...(limit !== undefined ? { limit } : {}),
      ...(timeout !== undefined ? { timeoutSeconds: timeout } : {}),
      ...(allowed !== undefined ? { allowedUpdates: allowed } : {}),
    },
    signal,
  );
};

export const setWebhook: MethodHandler = ({ params }, state) => {
  const url = params.string('url') ?? '';
  if (url === '') return removeWebhook(state, params.bool('drop_pending_updates'));
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest('bad webhook: Failed to parse URL');
  }
  // Telegram insists on HTTPS; the fake accepts http too, because the bot under test serves plain
  // HTTP on loopback.
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  }
  const secretToken = params.string('secret_token');
  if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
    throw badRequest('bad webhook: secret token contains unallowed characters');
  }
  const maxConnections = params.int('max_connections') ?? 40;
  if (maxConnections < 1 || maxConnections > 100)
    throw badRequest('bad webhook: max_connections must be 1-100');
  const allowed = params.json<string[]>('allowed_updates', "can't parse allowed updates JSON object");
  if (params.bool('drop_pending_updates')) state.updates.drop();
  if (allowed !== undefined) state.updates.setAllowed(allowed);
  // A long poll that is waiting can no longer be served.
  state.updates.release();
  state.webhook.set({ url, maxConnections, ...(secretToken ? { secretToken } : {}) });
  return new Described(true, 'Webhook was set');
};

export const deleteWebhook: MethodHandler = ({ params }, state) =>
  removeWebhook(state, params.bool('drop_pending_updates'));

export const getWebhookInfo: MethodHandler = (_request, state) => state.webhook.info();

function removeWebhook(state: Parameters<MethodHandler>[1], dropPending: boolean): Described {
  const wasActive = state.webhook.active;
  state.webhook.clear();
  if (dropPending) state.updates.drop();
  return new Described(true, wasActive ? 'Webhook was deleted' : 'Webhook is already deleted');
}
