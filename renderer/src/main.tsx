// Entry point: connect to the core (Electron preload or `cbct serve` over HTTP) and start the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { connect } from './api/connect.js';
import './app/styles.css';

const root = createRoot(document.getElementById('root')!);
try {
  const conn = connect();
  root.render(
    <StrictMode>
      <App conn={conn} />
    </StrictMode>,
  );
} catch (err) {
  root.render(<div className="fatal">{(err as Error).message}</div>);
}
