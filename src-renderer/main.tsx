import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';
import './layout.css';
import './components.css';
import './inspector.css';
import './dialogs.css';
import './pages.css';
import './command-bar.css';
import './confirm.css';
import './insight.css';
import './features/environments/environments.css';
import './features/money/money.css';
import './features/watches/watches.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
