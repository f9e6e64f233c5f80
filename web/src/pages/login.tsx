/** Log in with name and password; the session is an httpOnly cookie plus a CSRF token. */
import { useState } from 'preact/hooks';
import type { Actor } from '../../../src/access/index.js';
import { setCsrfToken, type ApiProblem, ApiError } from '../api/client.js';
import { login } from '../api/routes.js';
import { t } from '../i18n/index.js';
import { ErrorMessage, FieldProblems, problemsAt } from '../ui.js';

export function LoginPage(props: { readonly onLogin: (a: Actor) => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const problems: readonly ApiProblem[] = error instanceof ApiError ? error.problems : [];
  const submit = (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    login(name, password).then(
      (r) => {
        setCsrfToken(r.csrfToken);
        props.onLogin(r.user);
      },
      (err: unknown) => {
        setError(err);
        setBusy(false);
      },
    );
  };
  const nameProblems = problemsAt(problems, 'body.name');
  const pwProblems = problemsAt(problems, 'body.password');
  return (
    <section class="card login" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="login-name">{t('login.name')}</label>
          <input
            id="login-name"
            name="name"
            autocomplete="username"
            required
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            aria-invalid={nameProblems.length > 0}
            aria-describedby="login-name-problems"
          />
          <FieldProblems id="login-name-problems" problems={nameProblems} />
        </div>
        <div class="field">
          <label for="login-password">{t('login.password')}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            aria-invalid={pwProblems.length > 0}
            aria-describedby="login-password-problems"
          />
          <FieldProblems id="login-password-problems" problems={pwProblems} />
        </div>
        {error !== undefined && <ErrorMessage error={error} />}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
      <p class="hint">{t('login.demoHint')}</p>
    </section>
  );
}
