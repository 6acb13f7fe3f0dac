// Where the browser reaches another node's Admin API, from the address that node reports in GET /clustering/nodes.

/** True for an address a listener binds to every interface with: 0.0.0.0, ::, 0:0:0:0:0:0:0:0 (brackets allowed). */
export function isWildcard(host) {
  const bare = host.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (bare === '0.0.0.0' || bare === '*') return true;
  return bare.includes(':') && bare.split(':').every((group) => /^0*$/.test(group));
}

/**
 * The base URL (no trailing slash) for one node's Admin API address `host:port` (`[v6]:port` for IPv6), as the page
 * at `page` ({protocol, hostname}, e.g. window.location) reaches it. A wildcard bind address (0.0.0.0, ::) is no
 * address a browser can call: the page's own host name is used with that node's port. Loopback and explicit
 * addresses are kept. Returns null for an address without a port.
 */
export function nodeApiBase(address, page) {
  const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(address.trim());
  if (!match) return null;
  const [, host, port] = match;
  return `${page.protocol}//${isWildcard(host) ? page.hostname : host}:${port}`;
}
