import type { ErrorFrame } from '@/lib/protocol';
import type { ChannelCursors } from './channel-cursors';
import type { RequestResult, SocketListener, SubscriptionRequest } from './socket-types';

/** What subscribing needs from the client. */
export interface ResubscribeContext {
  cursors: ChannelCursors;
  listener: SocketListener;
  /** Sends a request frame and calls `done` with its answer. */
  send(frame: Record<string, unknown> & { type: string }, done: (result: RequestResult) => void): void;
}

/**
 * Subscribes every channel after a welcome, each resuming from its cursor; a channel the gateway could
 * not replay starts over (`resync`). `answered` runs once every subscription has its answer.
 */
export function subscribeAll(ctx: ResubscribeContext, subscriptions: SubscriptionRequest[], answered: () => void): void {
  let unanswered = subscriptions.length;
  if (unanswered === 0) answered();
  for (const { channel, params } of subscriptions) {
    const resuming = ctx.cursors.has(channel);
    ctx.send({ type: 'subscribe', channel, params, ...ctx.cursors.resumeFields(channel) }, (result) => {
      if (--unanswered === 0) answered();
      if (!result.ok) return ctx.listener.channelError?.(channel, { type: 'error', ...result.error } as ErrorFrame);
      const response = result.frame;
      if (response.type !== 'response') return;
      if (resuming && response.recovered !== true) {
        ctx.cursors.forget(channel);
        ctx.listener.resync?.(channel);
      }
      ctx.listener.subscribed?.(channel, response);
    });
  }
}
