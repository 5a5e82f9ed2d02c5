// Entry point: mounts the app with the API client for this origin, its router and the session.
import './no-eval.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api-client.ts';
import { App } from './app.tsx';
import { RouterProvider } from './router.tsx';
import { SessionProvider } from './session.tsx';
import './styles.css';
import { ApiClientProvider } from './use-api.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ApiClientProvider client={new ApiClient()}>
      <RouterProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </RouterProvider>
    </ApiClientProvider>
  </StrictMode>,
);
