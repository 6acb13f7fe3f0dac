import { useState } from 'preact/hooks';
import { get, setAuth } from '../api.js';

/** Asks for admin_auth credentials (a token, or a name and password) and checks them on GET /. */
export function Login({ onDone }) {
  const [mode, setMode] = useState('token');
  const [token, setToken] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');

  async function submit(event) {
    event.preventDefault();
    const given =
      mode === 'token' ? { token } : { basic: btoa(unescape(encodeURIComponent(`${user}:${password}`))) };
    const res = await get('/', { auth: given });
    if (res.ok) {
      setAuth(given);
      onDone();
    } else {
      setError(res.status === 401 ? 'These credentials are not accepted.' : `The Admin API answered ${res.status}.`);
    }
  }

  return (
    <form class="login" onSubmit={submit} id="login">
      <h1>Log in</h1>
      <p>This node's Admin API requires credentials (<code>admin_auth</code>).</p>
      <label>
        <input type="radio" name="mode" checked={mode === 'token'} onChange={() => setMode('token')} id="mode-token" />{' '}
        Token
      </label>
      <label>
        <input type="radio" name="mode" checked={mode === 'basic'} onChange={() => setMode('basic')} id="mode-basic" />{' '}
        Name and password
      </label>
      {mode === 'token' ? (
        <input type="password" placeholder="token" value={token} onInput={(e) => setToken(e.target.value)} id="token" />
      ) : (
        <>
          <input placeholder="name" value={user} onInput={(e) => setUser(e.target.value)} id="user" />
          <input type="password" placeholder="password" value={password} onInput={(e) => setPassword(e.target.value)} id="password" />
        </>
      )}
      <button type="submit" id="login-submit">Log in</button>
      {error && <p class="error">{error}</p>}
    </form>
  );
}
