import { useCallback, useRef, useSyncExternalStore } from 'react';

/**
 * A store outside React: one state value, replaced (never mutated) on every change.
 *
 * Components read it through `useStore(store, selector)` and re-render only
 * when what their selector returns changes, so typing in one cell re-renders
 * that cell's row and nothing else.
 */
export interface Store<S> {
  readonly getState: () => S;
  readonly setState: (update: (state: S) => S) => void;
  readonly subscribe: (listener: () => void) => () => void;
}

export function createStore<S>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    setState: (update) => {
      const next = update(state);
      if (Object.is(next, state)) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Two versions of something a component shows, either of which may be missing: the same when they are the
 * same object, or both there and `same` by what the component shows of them.
 */
export function sameWhenBoth<T>(a: T | undefined, b: T | undefined, same: (a: T, b: T) => boolean): boolean {
  return a === b || (a !== undefined && b !== undefined && same(a, b));
}

/** Two arrays with the same items in the same order. */
export function shallowArrayEqual<T>(a: ReadonlyArray<T>, b: ReadonlyArray<T>): boolean {
  return a.length === b.length && a.every((item, index) => Object.is(item, b[index]));
}

/**
 * The part of the state a component shows.
 *
 * `equal` decides when a newly selected value counts as unchanged (by
 * default `Object.is`); the last value is kept so that a selector that
 * builds a new array or object does not re-render on every change.
 */
export function useStore<S, T>(
  store: Store<S>,
  selector: (state: S) => T,
  equal: (a: T, b: T) => boolean = Object.is,
): T {
  const last = useRef<{ readonly state: S; readonly selector: (state: S) => T; readonly value: T } | undefined>(
    undefined,
  );
  const getSnapshot = useCallback((): T => {
    const state = store.getState();
    const previous = last.current;
    if (previous !== undefined && Object.is(previous.state, state) && previous.selector === selector) {
      return previous.value;
    }
    const value = selector(state);
    if (previous !== undefined && equal(previous.value, value)) {
      last.current = { state, selector, value: previous.value };
      return previous.value;
    }
    last.current = { state, selector, value };
    return value;
  }, [store, selector, equal]);
  return useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
}
