import type { ActionItem } from '../../shared/api/review';
import type { ActionItemStatus } from '../../shared/domain/review';
import type { OutboxCommand } from './db';
import type { EnqueueInput } from './outbox';

/** Ticking an action item done (or open again): a command like any other, so it works offline. */
export interface ActionItemCommandInput {
  kind: 'action-item';
  itemId: string;
  status: ActionItemStatus;
}

export function actionItemCommand(incidentId: string, input: ActionItemCommandInput): EnqueueInput {
  return { method: 'PATCH', path: `/api/v1/action-items/${encodeURIComponent(input.itemId)}`, kind: 'action-item', incidentId, body: { status: input.status } };
}

const itemIdOf = (command: OutboxCommand) => decodeURIComponent(command.path.split('/').at(-1) ?? '');

/** Action items as they will be once the ticks still waiting are sent. */
export function projectActionItems<T extends Pick<ActionItem, 'id' | 'status'>>(items: T[], pending: OutboxCommand[]): T[] {
  const ticks = new Map<string, ActionItemStatus>();
  for (const command of pending) {
    const status = (command.body as { status?: unknown } | undefined)?.status;
    if (command.kind === 'action-item' && (status === 'open' || status === 'done')) ticks.set(itemIdOf(command), status);
  }
  return items.map((item) => (ticks.has(item.id) ? { ...item, status: ticks.get(item.id)! } : item));
}
