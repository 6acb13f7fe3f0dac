import { useEffect, useState } from 'preact/hooks';
import { api, errorText, get } from '../api.js';
import { EntityForm } from './Form.jsx';

const KINDS = ['services', 'routes', 'consumers', 'plugins', 'upstreams'];
const label = (e) => (e ? e.name || e.username || e.id : '');

/** Every entity of the five main kinds, with their relations, and the forms to change them. */
export function Entities({ rest }) {
  const kind = KINDS.includes(rest) ? rest : 'services';
  const [all, setAll] = useState({});
  const [targets, setTargets] = useState({});
  const [editing, setEditing] = useState(null); // null, 'new' or an entity
  const [deleting, setDeleting] = useState(null);
  const [error, setError] = useState('');

  async function load() {
    const lists = {};
    for (const k of KINDS) {
      const res = await get(`/${k}?size=1000`);
      if (!res.ok) return setError(errorText(res));
      lists[k] = res.json.data;
    }
    setError('');
    setAll(lists);
    const t = {};
    for (const u of lists.upstreams) {
      const res = await get(`/upstreams/${u.id}/targets`);
      if (res.ok) t[u.id] = res.json.data;
    }
    setTargets(t);
  }
  useEffect(() => {
    load();
    setEditing(null);
  }, [kind]);

  const byId = (k, ref) => ref && (all[k] || []).find((e) => e.id === ref.id);
  async function remove(entity) {
    const res = await api('DELETE', `/${kind}/${entity.id}`);
    setDeleting(null);
    if (res.status !== 204) setError(errorText(res));
    load();
  }

  const columns = {
    services: [['name', label], ['url', (s) => `${s.protocol}://${s.host}:${s.port}${s.path || ''}`],
      ['routes', (s) => (all.routes || []).filter((r) => r.service?.id === s.id).map(label).join(', ')]],
    routes: [['name', label], ['paths', (r) => (r.paths || []).join(', ')], ['hosts', (r) => (r.hosts || []).join(', ')],
      ['service', (r) => label(byId('services', r.service))]],
    consumers: [['username', label], ['custom_id', (c) => c.custom_id || ''],
      ['plugins', (c) => (all.plugins || []).filter((p) => p.consumer?.id === c.id).map((p) => p.name).join(', ')]],
    plugins: [['name', (p) => p.name], ['enabled', (p) => String(p.enabled)],
      ['applies to', (p) => [['service', 'services'], ['route', 'routes'], ['consumer', 'consumers']]
        .filter(([f]) => p[f]).map(([f, k]) => `${f} ${label(byId(k, p[f]))}`).join(', ') || 'global']],
    upstreams: [['name', label], ['algorithm', (u) => u.algorithm],
      ['targets', (u) => (targets[u.id] || []).map((t) => `${t.target} (${t.weight})`).join(', ')]],
  }[kind];

  return (
    <section>
      <h1>Entities</h1>
      <nav class="tabs">
        {KINDS.map((k) => <a key={k} href={`#/entities/${k}`} class={k === kind ? 'active' : ''} id={`tab-${k}`}>{k}</a>)}
      </nav>
      {error && <p class="error">{error}</p>}
      {editing ? (
        <EntityForm kind={kind} entity={editing === 'new' ? null : editing} parents={all}
          onSaved={() => { setEditing(null); load(); }} onCancel={() => setEditing(null)} />
      ) : (
        <>
          <button onClick={() => setEditing('new')} id="entity-new">New {kind.replace(/s$/, '')}</button>
          <table id="entities" data-kind={kind}>
            <thead><tr>{columns.map(([c]) => <th key={c}>{c}</th>)}<th /></tr></thead>
            <tbody>
              {(all[kind] || []).map((e) => (
                <tr key={e.id} data-id={e.id} data-name={label(e)}>
                  {columns.map(([c, f]) => <td key={c}>{f(e)}</td>)}
                  <td class="actions">
                    <button class="link" onClick={() => setEditing(e)} data-action="edit">Edit</button>
                    {deleting === e.id ? (
                      <button class="danger" onClick={() => remove(e)} data-action="delete-confirm">Really delete</button>
                    ) : (
                      <button class="link" onClick={() => setDeleting(e.id)} data-action="delete">Delete</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
