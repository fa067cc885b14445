import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createApi } from './api/client';
import { initI18n } from './i18n';
import { sessionId } from './session';
import { INITIAL_STATE } from './store/appState';
import { DispatcherContext } from './store/context';
import { createDispatcher } from './store/dispatcher';
import { createStore } from './store/store';
import './styles.css';

async function boot(): Promise<void> {
  await initI18n();
  const root = document.getElementById('root');
  if (root === null) throw new Error('Subrelay: #root is missing from index.html');
  const api = createApi();
  // The store and its dispatcher live outside React: nothing React re-renders can drop the project.
  const dispatcher = createDispatcher(api, createStore(INITIAL_STATE), sessionId());
  createRoot(root).render(
    <StrictMode>
      <DispatcherContext.Provider value={dispatcher}>
        <App api={api} />
      </DispatcherContext.Provider>
    </StrictMode>,
  );
  await dispatcher.start();
}

void boot();
