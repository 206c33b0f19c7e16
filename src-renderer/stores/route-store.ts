// The current address (see route.ts), kept in step with location.hash.
import { create } from 'zustand';
import { formatHash, parseHash, type HistoryQuery, type Route, type View } from './route';

interface RouteState {
  route: Route;
  go(view: View): void;
  /** Replaces the history query; typing in the search box should not add an entry per key. */
  setHistoryQuery(query: HistoryQuery, replace?: boolean): void;
}

function write(route: Route, replace: boolean): void {
  const hash = formatHash(route);
  if (window.location.hash === hash) return;
  if (replace) history.replaceState(null, '', hash);
  else history.pushState(null, '', hash);
}

export const useRouteStore = create<RouteState>((set, get) => ({
  route: parseHash(typeof window === 'undefined' ? '' : window.location.hash),
  go(view) {
    const route = { ...get().route, view };
    write(route, false);
    set({ route });
  },
  setHistoryQuery(query, replace = false) {
    const route: Route = { view: 'history', history: query };
    write(route, replace);
    set({ route });
  },
}));

export function connectRouteStore(): () => void {
  const onChange = (): void => useRouteStore.setState({ route: parseHash(window.location.hash) });
  window.addEventListener('hashchange', onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener('popstate', onChange);
  };
}
