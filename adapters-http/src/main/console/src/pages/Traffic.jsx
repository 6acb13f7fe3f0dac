import { useEffect, useRef, useState } from 'preact/hooks';
import { CategoryScale, Chart, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';
import { errorText, get } from '../api.js';

Chart.register(CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

// a colour per series (node or service), a dash per value of it (p50, p95, p99)
const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2'];
const DASHES = [[], [6, 3], [2, 2]];

/** One line chart: a dataset per series, of value(point). */
function LineChart({ id, title, series, labels, value, unit }) {
  const canvas = useRef(null);
  const chart = useRef(null);
  useEffect(() => {
    const datasets = series.flatMap((s, i) =>
      value.map(([name, f], j) => ({
        label: `${s.label}${value.length > 1 ? ' ' + name : ''}`,
        data: labels.map((at) => {
          const p = s.points.get(at);
          return p ? f(p) : null;
        }),
        borderColor: COLORS[i % COLORS.length],
        borderDash: DASHES[j % DASHES.length],
        pointRadius: 0,
        spanGaps: true,
        borderWidth: 1.5,
      })),
    );
    const data = { labels: labels.map((at) => new Date(at * 1000).toLocaleTimeString()), datasets };
    if (chart.current) {
      chart.current.data = data;
      chart.current.update('none');
    } else {
      chart.current = new Chart(canvas.current, {
        type: 'line',
        data,
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          scales: { y: { beginAtZero: true, title: { display: true, text: unit } } },
          plugins: { legend: { position: 'bottom' } },
        },
      });
    }
  }, [series, labels]);
  useEffect(() => () => chart.current?.destroy(), []);
  const count = series.reduce((n, s) => n + s.points.size, 0);
  return (
    <figure class="chart" id={id} data-points={count}>
      <figcaption>{title}</figcaption>
      <div class="canvas"><canvas ref={canvas} /></div>
    </figure>
  );
}

/**
 * A series' points on the answering node's interval grid: a node that samples more often than the grid (its own
 * traffic_sample_interval) has several points per bucket, which are merged (requests and errors added, rates
 * recomputed over the bucket, the worst latency and lag kept) rather than overwritten.
 */
function bucketed(points, step) {
  const buckets = new Map();
  for (const p of points) {
    const at = Math.round(p.at / step) * step;
    const b = buckets.get(at);
    if (!b) {
      buckets.set(at, { ...p, latency_ms: { ...p.latency_ms } });
      continue;
    }
    b.requests += p.requests;
    b.errors += p.errors;
    b.requests_per_second = b.requests / step;
    b.error_rate = b.requests ? b.errors / b.requests : 0;
    for (const q of ['p50', 'p95', 'p99']) b.latency_ms[q] = Math.max(b.latency_ms?.[q] ?? 0, p.latency_ms?.[q] ?? 0);
    if (p.propagation_lag_ms != null) b.propagation_lag_ms = Math.max(b.propagation_lag_ms ?? 0, p.propagation_lag_ms);
  }
  return buckets;
}

/** Requests/s, latency percentiles, error rate and propagation lag over the last hour (GET /clustering/traffic). */
export function Traffic() {
  const [nodes, setNodes] = useState([]);
  const [services, setServices] = useState([]);
  const [node, setNode] = useState('');
  const [service, setService] = useState('');
  const [traffic, setTraffic] = useState(null);
  const [error, setError] = useState('');

  useEffect(() => {
    get('/clustering/nodes').then((res) => res.ok && setNodes(res.json.data));
    get('/services?size=1000').then((res) => res.ok && setServices(res.json.data));
  }, []);
  useEffect(() => {
    let live = true;
    async function load() {
      const query = new URLSearchParams({ minutes: '60' });
      if (node) query.set('node', node);
      if (service) query.set('service', service);
      const res = await get(`/clustering/traffic?${query}`);
      if (!live) return;
      if (res.ok) {
        setTraffic(res.json);
        setError('');
      } else setError(errorText(res));
    }
    load();
    const timer = setInterval(load, 10000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [node, service]);

  const name = (id, list, f) => (list.find((x) => x.id === id) ? f(list.find((x) => x.id === id)) : (id || '').slice(0, 8));
  // a node's whole traffic (service_id null) unless a service is chosen; points on the interval's grid, as each
  // node samples on its own clock
  const step = traffic?.interval_seconds || 10;
  const rows = (traffic?.data || []).filter((s) => (service ? s.service_id === service : s.service_id === null));
  const series = rows.map((s) => ({
    label: `${name(s.node_id, nodes, (n) => n.hostname + ' ' + n.id.slice(0, 8))}${s.service_id ? ' / ' + name(s.service_id, services, (x) => x.name || x.id) : ''}`,
    points: bucketed(s.points, step),
  }));
  const labels = [...new Set(series.flatMap((s) => [...s.points.keys()]))].sort((a, b) => a - b);
  const total = series.reduce((n, s) => n + [...s.points.values()].reduce((m, p) => m + p.requests, 0), 0);
  return (
    <section>
      <h1>Traffic</h1>
      <form class="filters">
        <select value={node} onChange={(e) => setNode(e.target.value)} id="traffic-node">
          <option value="">every node</option>
          {nodes.map((n) => <option key={n.id} value={n.id}>{n.hostname} {n.id.slice(0, 8)}</option>)}
        </select>
        <select value={service} onChange={(e) => setService(e.target.value)} id="traffic-service">
          <option value="">every service</option>
          {services.map((s) => <option key={s.id} value={s.id}>{s.name || s.id}</option>)}
        </select>
      </form>
      {error && <p class="error">{error}</p>}
      {traffic && (
        <p class="muted" id="traffic-summary" data-requests={total}>
          Last hour, {traffic.interval_seconds} s intervals: {total} requests.
        </p>
      )}
      <div class="charts">
        <LineChart id="chart-requests" title="Requests per second" unit="req/s" series={series} labels={labels}
          value={[['', (p) => p.requests_per_second]]} />
        <LineChart id="chart-latency" title="Latency" unit="ms" series={series} labels={labels}
          value={[['p50', (p) => p.latency_ms?.p50], ['p95', (p) => p.latency_ms?.p95], ['p99', (p) => p.latency_ms?.p99]]} />
        <LineChart id="chart-errors" title="Error rate" unit="errors / requests" series={series} labels={labels}
          value={[['', (p) => p.error_rate]]} />
        <LineChart id="chart-lag" title="Propagation lag" unit="ms" series={series} labels={labels}
          value={[['', (p) => p.propagation_lag_ms]]} />
      </div>
    </section>
  );
}
