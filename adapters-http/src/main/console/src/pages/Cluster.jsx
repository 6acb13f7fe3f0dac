import { useEffect, useState } from 'preact/hooks';
import { errorText, get, when } from '../api.js';

/** Every member of the cluster (GET /clustering/nodes), refreshed every 2 s. */
export function Cluster() {
  const [nodes, setNodes] = useState(null);
  const [error, setError] = useState('');
  const [now, setNow] = useState(Date.now() / 1000);
  useEffect(() => {
    let live = true;
    async function load() {
      try {
        const res = await get('/clustering/nodes');
        if (!live) return;
        if (res.ok) {
          setNodes(res.json.data);
          setError('');
        } else setError(errorText(res));
      } catch (e) {
        if (live) setError(`The Admin API cannot be reached: ${e.message}`);
      }
      setNow(Date.now() / 1000);
    }
    load();
    const timer = setInterval(load, 2000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  return (
    <section>
      <h1>Cluster</h1>
      {error && <p class="error">{error}</p>}
      {nodes && (
        <table id="nodes">
          <thead>
            <tr>
              <th>Node</th><th>Host</th><th>State</th><th>Version</th><th>Last heartbeat</th>
              <th>Applied position</th><th>Lag (commits)</th><th>Admin API</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((n) => (
              <tr key={n.id} data-node={n.id} data-state={n.state}>
                <td><code>{n.id}</code></td>
                <td>{n.hostname}</td>
                <td><span class={`state state-${n.state}`}>{n.state}</span></td>
                <td>{n.version}</td>
                <td title={when(n.last_heartbeat)}>{Math.max(0, Math.round(now - n.last_heartbeat))} s ago</td>
                <td>{n.applied_position}</td>
                <td class={n.lag > 0 ? 'warn' : ''}>{n.lag}</td>
                <td>{(n.admin_addresses || []).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="muted">A node that misses three heartbeats shows as <code>failed</code>.</p>
    </section>
  );
}
