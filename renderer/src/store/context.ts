import { createContext, useContext } from 'react';
import type { AppState } from './appState';
import type { Dispatcher } from './dispatcher';
import { useStore } from './store';

export const DispatcherContext = createContext<Dispatcher | undefined>(undefined);

/** The dispatcher of the app this component is in. */
export function useDispatcher(): Dispatcher {
  const dispatcher = useContext(DispatcherContext);
  if (dispatcher === undefined) throw new Error('useDispatcher: no DispatcherContext above this component');
  return dispatcher;
}

/** The slice of the app state this component shows; it re-renders only when that slice changes. */
export function useAppState<T>(selector: (state: AppState) => T, equal?: (a: T, b: T) => boolean): T {
  return useStore(useDispatcher().store, selector, equal);
}
