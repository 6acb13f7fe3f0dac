import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { hasAuth, onUnauthorized } from './api.js';
import { Cluster } from './pages/Cluster.jsx';
import { History } from './pages/History.jsx';
import { Traffic } from './pages/Traffic.jsx';
import { Cache } from './pages/Cache.jsx';
import { Entities } from './pages/Entities.jsx';
import { Login } from './pages/Login.jsx';
import './style.css';

const PAGES = {
  cluster: ['Cluster', Cluster],
  history: ['History', History],
  traffic: ['Traffic', Traffic],
  cache: ['Cache', Cache],
  entities: ['Entities', Entities],
};

/** The page from the hash: #/<page>[/<rest>]. */
function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/');
  return { page: PAGES[parts[0]] ? parts[0] : 'cluster', rest: parts.slice(1).join('/') };
}

function App() {
  const [where, setWhere] = useState(route());
  const [locked, setLocked] = useState(false);
  useEffect(() => {
    const onHash = () => setWhere(route());
    addEventListener('hashchange', onHash);
    const off = onUnauthorized(() => setLocked(true));
    return () => {
      removeEventListener('hashchange', onHash);
      off();
    };
  }, []);
  const [title, Page] = PAGES[where.page];
  return (
    <>
      <header>
        <strong>Tollgate</strong>
        <nav>
          {Object.entries(PAGES).map(([key, [label]]) => (
            <a key={key} href={`#/${key}`} class={key === where.page ? 'active' : ''} id={`nav-${key}`}>
              {label}
            </a>
          ))}
        </nav>
        {hasAuth() && !locked && (
          <button class="link" id="logout" onClick={() => { sessionStorage.clear(); location.reload(); }}>
            Log out
          </button>
        )}
      </header>
      <main data-page={where.page}>
        {locked ? <Login onDone={() => setLocked(false)} /> : <Page rest={where.rest} title={title} />}
      </main>
      <footer>
        Kong Manager can be served next to this console: copy its build into the node's <code>admin_gui_dir</code>{' '}
        (see the README's "Kong Manager" section).
      </footer>
    </>
  );
}

render(<App />, document.getElementById('app'));
