/** Entry point: render the app into #app. */
import { render } from 'preact';
import { App } from './app.js';
import { loadLocale, locale } from './i18n/index.js';
import './styles.css';

const root = document.getElementById('app');
// The chosen language's catalogue first, so the first paint speaks it (English if it cannot load).
void loadLocale(locale())
  .catch(() => undefined)
  .then(() => {
    if (root !== null) render(<App />, root);
  });
