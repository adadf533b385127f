import type { HandlerTable } from '../../api/handlers';
import type { todoChannels } from '@shared/api/todo';
import { todoList } from './todo';

// This area's handlers, spread into main/api/handlers.ts.
export const todoHandlers: Pick<HandlerTable, keyof typeof todoChannels> = {
  'todo.list': (ctx) => todoList(ctx),
};
