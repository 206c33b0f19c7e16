// The URL hash is the app's address: the view and the history filters live there so a view
// can be bookmarked and survives a reload, e.g. #/history?status=failed&q=louvre.
import type { HistoryFilter, TaskStatus } from '../../src-main/contract/index';
import { TASK_STATUSES } from '../../src-main/contract/task-status';

export const VIEWS = [
  'queue',
  'inbox',
  'history',
  'batches',
  'spend',
  'sessions',
  'environments',
  'schedules',
  'watches',
  'settings',
] as const;
export type View = (typeof VIEWS)[number];

export interface HistoryQuery {
  q: string;
  status: TaskStatus[];
  /** Local dates, YYYY-MM-DD, as a date input gives them. */
  from: string;
  to: string;
  tag: string;
  session: string;
  /** Column and direction of the history table, e.g. "cost:desc"; empty for newest first. */
  sort: string;
  /** Only the runs of this trigger (a schedule). */
  trigger: string;
  /** Only the runs of this watch. */
  watch: string;
}

export interface Route {
  view: View;
  history: HistoryQuery;
}

export const EMPTY_QUERY: HistoryQuery = {
  q: '',
  status: [],
  from: '',
  to: '',
  tag: '',
  session: '',
  sort: '',
  trigger: '',
  watch: '',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = body.split('?', 2);
  const view = (VIEWS as readonly string[]).includes(path) ? (path as View) : 'queue';
  const params = new URLSearchParams(search);
  const status = (params.get('status') ?? '')
    .split(',')
    .filter((s): s is TaskStatus => (TASK_STATUSES as readonly string[]).includes(s));
  const date = (key: string): string => {
    const value = params.get(key) ?? '';
    return DATE.test(value) ? value : '';
  };
  return {
    view,
    history: {
      q: params.get('q') ?? '',
      status,
      from: date('from'),
      to: date('to'),
      tag: params.get('tag') ?? '',
      session: params.get('session') ?? '',
      sort: /^[a-z]+:(asc|desc)$/.test(params.get('sort') ?? '') ? params.get('sort')! : '',
      trigger: params.get('trigger') ?? '',
      watch: params.get('watch') ?? '',
    },
  };
}

export function formatHash(route: Route): string {
  if (route.view !== 'history') return `#/${route.view}`;
  const h = route.history;
  const params = new URLSearchParams();
  if (h.q) params.set('q', h.q);
  if (h.status.length) params.set('status', h.status.join(','));
  if (h.from) params.set('from', h.from);
  if (h.to) params.set('to', h.to);
  if (h.tag) params.set('tag', h.tag);
  if (h.session) params.set('session', h.session);
  if (h.sort) params.set('sort', h.sort);
  if (h.trigger) params.set('trigger', h.trigger);
  if (h.watch) params.set('watch', h.watch);
  const search = params.toString();
  return search ? `#/history?${search}` : '#/history';
}

function localDay(date: string, endOfDay: boolean): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return endOfDay ? new Date(y, m - 1, d + 1).getTime() - 1 : new Date(y, m - 1, d).getTime();
}

/** The contract's filter for a query; dates cover whole local days. */
export function historyFilter(query: HistoryQuery): HistoryFilter {
  const filter: HistoryFilter = {};
  if (query.q.trim()) filter.text = query.q.trim();
  if (query.status.length) filter.status = query.status;
  if (query.from) filter.from = localDay(query.from, false);
  if (query.to) filter.to = localDay(query.to, true);
  if (query.tag.trim()) filter.tag = query.tag.trim();
  if (query.session.trim()) filter.sessionId = query.session.trim();
  if (query.trigger.trim()) filter.triggerId = query.trigger.trim();
  if (query.watch.trim()) filter.watchId = query.watch.trim();
  return filter;
}
