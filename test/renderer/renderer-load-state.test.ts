import { describe, expect, it } from 'vitest';
import { loadInto, NOT_LOADED, type Loadable } from '../../src-renderer/stores/load-state';

interface State extends Loadable {
  items: string[];
}

function store(initial: Partial<State> = {}) {
  let state: State = { items: [], ...NOT_LOADED, ...initial };
  const seen: State[] = [];
  const set = (patch: Partial<State>): void => {
    state = { ...state, ...patch };
    seen.push(state);
  };
  return { set, get: () => state, seen };
}

describe('loadInto', () => {
  it('is loading while the call runs, then holds the answer with no error', async () => {
    const s = store({ error: 'old failure' });
    let resolve!: (v: string[]) => void;
    const done = loadInto<State, string[]>(
      s.set,
      () => new Promise((r) => (resolve = r)),
      (items) => ({ items }),
    );
    expect(s.get().loading).toBe(true);
    resolve(['a']);
    expect(await done).toBe(true);
    expect(s.get()).toEqual({ items: ['a'], loading: false, error: null });
  });

  it('keeps what was shown and says why when the call fails', async () => {
    const s = store({ items: ['kept'] });
    expect(
      await loadInto<State, string[]>(
        s.set,
        () => Promise.reject(new Error('Refused')),
        (items) => ({ items }),
      ),
    ).toBe(false);
    expect(s.get()).toEqual({ items: ['kept'], loading: false, error: 'Refused' });
  });

  it('changes nothing with an answer nobody wants any more', async () => {
    const s = store();
    let wanted = true;
    const ok = loadInto<State, string[]>(
      s.set,
      async () => {
        wanted = false;
        return ['stale'];
      },
      (items) => ({ items }),
      () => wanted,
    );
    expect(await ok).toBe(false);
    expect(s.get().items).toEqual([]);
    wanted = true;
    const failed = loadInto<State, string[]>(
      s.set,
      async () => {
        wanted = false;
        throw new Error('late');
      },
      (items) => ({ items }),
      () => wanted,
    );
    expect(await failed).toBe(false);
    expect(s.get().error).toBeNull();
  });
});
