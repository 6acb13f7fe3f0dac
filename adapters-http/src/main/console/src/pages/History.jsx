import { useEffect, useState } from 'preact/hooks';
import { apiBase, errorText, get, when } from '../api.js';

const KINDS = ['', 'services', 'routes', 'consumers', 'plugins', 'upstreams', 'targets', 'certificates', 'snis',
  'ca_certificates', 'keyauth_credentials', 'basicauth_credentials', 'jwt_secrets', 'hmacauth_credentials', 'acls'];

const show = (v) => (v === undefined ? '' : JSON.stringify(v));

/** The fields a change touched: [field, before, after], every field for a create or delete. */
export function diff(before, after) {
  const keys = [...new Set([...Object.keys(before || {}), ...Object.keys(after || {})])].sort();
  return keys
    .map((k) => [k, before ? before[k] : undefined, after ? after[k] : undefined])
    .filter(([, b, a]) => show(b) !== show(a));
}

function Change({ change }) {
  const [open, setOpen] = useState(false);
  const [exportError, setExportError] = useState('');

  async function exportAt() {
    const res = await get(`/history/export?at=${encodeURIComponent(change.position)}`);
    if (!res.ok) {
      setExportError(errorText(res));
      return;
    }
    const url = URL.createObjectURL(new Blob([JSON.stringify(res.json, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `tollgate-config-${change.position.replace(':', '-')}.json`;
    a.click();
    URL.revokeObjectURL(url);
  }

  const rows = diff(change.before, change.after);
  const entity = change.after || change.before || {};
  return (
    <li class="change" data-position={change.position} data-operation={change.operation} data-entity={change.entity_name}>
      <div class="change-head" onClick={() => setOpen(!open)}>
        <span class={`op op-${change.operation}`}>{change.operation}</span>{' '}
        <strong>{change.entity_name}</strong> {entity.name || entity.username || change.entity_id}{' '}
        <span class="muted">
          {when(change.created_at)} · node <code>{(change.node_id || '').slice(0, 8)}</code> · position {change.position}
        </span>
      </div>
      <table class="diff">
        <tbody>
          {(open ? rows : rows.slice(0, 6)).map(([field, b, a]) => (
            <tr key={field}>
              <th>{field}</th>
              <td class="before">{show(b)}</td>
              <td class="after">{show(a)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!open && rows.length > 6 && <button class="link" onClick={() => setOpen(true)}>{rows.length - 6} more fields</button>}
      <button class="link export" onClick={exportAt} title={`${apiBase()}/history/export?at=${change.position}`}>
        Export the configuration as it was at this moment
      </button>
      {exportError && <span class="error"> {exportError}</span>}
    </li>
  );
}

/** The configuration's change timeline (GET /history), newest first, with filters and each change's diff. */
export function History() {
  const [filters, setFilters] = useState({ entity_name: '', entity_id: '', node_id: '' });
  const [page, setPage] = useState(null);
  const [nodes, setNodes] = useState([]);
  const [error, setError] = useState('');

  async function load(offset) {
    const query = new URLSearchParams({ size: '50' });
    Object.entries(filters).forEach(([k, v]) => v && query.set(k, v.trim()));
    if (offset) query.set('offset', offset);
    const res = await get(`/history?${query}`);
    if (!res.ok) {
      setError(errorText(res));
      return;
    }
    setError('');
    setPage((prev) => ({ data: offset && prev ? [...prev.data, ...res.json.data] : res.json.data, offset: res.json.offset }));
  }

  useEffect(() => {
    load();
    get('/clustering/nodes').then((res) => res.ok && setNodes(res.json.data));
  }, [filters]);

  const set = (k) => (e) => setFilters({ ...filters, [k]: e.target.value });
  return (
    <section>
      <h1>History</h1>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); load(); }}>
        <select value={filters.entity_name} onChange={set('entity_name')} id="filter-kind">
          {KINDS.map((k) => <option key={k} value={k}>{k || 'every kind'}</option>)}
        </select>
        <input placeholder="entity id" value={filters.entity_id} onChange={set('entity_id')} id="filter-entity" />
        <select value={filters.node_id} onChange={set('node_id')} id="filter-node">
          <option value="">every node</option>
          {nodes.map((n) => <option key={n.id} value={n.id}>{n.hostname} {n.id.slice(0, 8)}</option>)}
        </select>
        <button type="button" onClick={() => load()} id="history-refresh">Refresh</button>
      </form>
      {error && <p class="error">{error}</p>}
      {page && page.data.length === 0 && <p class="muted">No change matches.</p>}
      {page && (
        <ul class="timeline" id="timeline">
          {page.data.map((c) => <Change key={c.position + c.entity_id} change={c} />)}
        </ul>
      )}
      {page?.offset && <button onClick={() => load(page.offset)}>Older changes</button>}
    </section>
  );
}
