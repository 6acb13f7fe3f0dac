import { useEffect, useState } from 'preact/hooks';
import { errorText, get, api } from '../api.js';
import { nodeApiBase } from '../nodeAddress.js';

/**
 * The cache of one node (GET /cache?prefix=, GET and DELETE /cache/{key}, DELETE /cache). Another node is reached at
 * its first admin address; one bound to a wildcard (0.0.0.0, ::) through the page's host name (nodeApiBase).
 */
export function Cache() {
  const [nodes, setNodes] = useState([]);
  const [base, setBase] = useState('');
  const [prefix, setPrefix] = useState('');
  const [keys, setKeys] = useState(null);
  const [selected, setSelected] = useState(null);
  const [confirmAll, setConfirmAll] = useState(false);
  const [message, setMessage] = useState('');
  const options = () => (base ? { base } : {});

  async function load() {
    const res = await get(`/cache?prefix=${encodeURIComponent(prefix)}`, options());
    if (res.ok) setKeys(res.json.data);
    else setMessage(errorText(res));
  }

  useEffect(() => {
    get('/clustering/nodes').then((res) => res.ok && setNodes(res.json.data.filter((n) => n.state === 'active')));
  }, []);
  useEffect(() => {
    setSelected(null);
    load();
  }, [base]);

  async function inspect(key) {
    const res = await get(`/cache/${encodeURIComponent(key)}`, options());
    setSelected({ key, status: res.status, value: res.json });
  }

  async function purge(key) {
    const res = await api('DELETE', key ? `/cache/${encodeURIComponent(key)}` : '/cache', undefined, options());
    setMessage(res.status === 204 ? (key ? `Purged ${key}.` : 'Purged every entry of this node.') : errorText(res));
    setSelected(null);
    setConfirmAll(false);
    load();
  }

  return (
    <section>
      <h1>Cache</h1>
      <p class="warning">
        Purging entries makes the next requests that need them read the database. Purging the whole cache of a busy
        node sends all of them there at once (the dog-pile effect): prefer purging single keys.
      </p>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); load(); }}>
        <select value={base} onChange={(e) => setBase(e.target.value)} id="cache-node">
          <option value="">this node</option>
          {nodes.flatMap((n) => (n.admin_addresses || []).slice(0, 1).map((a) => [a, nodeApiBase(a, location)])
            .filter(([, url]) => url)
            .map(([a, url]) => (
              <option key={n.id} value={url}>{n.hostname} {n.id.slice(0, 8)} ({url.replace(/^[a-z]+:\/\//, '')}{url.endsWith(a) ? '' : `, bound to ${a}`})</option>
            )))}
        </select>
        <input placeholder="key prefix, e.g. services:" value={prefix} onInput={(e) => setPrefix(e.target.value)} id="cache-prefix" />
        <button type="submit">List keys</button>
        {confirmAll ? (
          <button type="button" class="danger" onClick={() => purge(null)} id="cache-purge-all-confirm">
            Really purge every entry
          </button>
        ) : (
          <button type="button" onClick={() => setConfirmAll(true)} id="cache-purge-all">Purge all…</button>
        )}
      </form>
      {message && <p class="muted" id="cache-message">{message}</p>}
      <div class="split">
        <ul class="keys" id="cache-keys">
          {keys?.map((k) => (
            <li key={k}><button class="link" onClick={() => inspect(k)}>{k}</button></li>
          ))}
          {keys && keys.length === 0 && <li class="muted">No key.</li>}
        </ul>
        {selected && (
          <div class="inspect">
            <h2><code>{selected.key}</code></h2>
            {selected.status === 404 ? <p class="muted">Not in the cache any more.</p> : (
              <pre>{Object.keys(selected.value || {}).length === 0 ? '{} (a cached miss)' : JSON.stringify(selected.value, null, 2)}</pre>
            )}
            <button onClick={() => purge(selected.key)} id="cache-purge-one">Purge this key</button>
          </div>
        )}
      </div>
    </section>
  );
}
