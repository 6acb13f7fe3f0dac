// Run by `npm test` (Node's own test runner) in the Maven build of adapters-http.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isWildcard, nodeApiBase } from './nodeAddress.js';

const page = { protocol: 'http:', hostname: 'gw.example' };

test('a wildcard IPv4 bind address becomes the page host with the node port', () => {
  assert.equal(nodeApiBase('0.0.0.0:8001', page), 'http://gw.example:8001');
  assert.equal(nodeApiBase('0.0.0.0:18001', { protocol: 'https:', hostname: '10.0.0.5' }), 'https://10.0.0.5:18001');
});

test('a wildcard IPv6 bind address, in any spelling, becomes the page host', () => {
  assert.equal(nodeApiBase('[::]:8001', page), 'http://gw.example:8001');
  assert.equal(nodeApiBase('[0:0:0:0:0:0:0:0]:8001', page), 'http://gw.example:8001');
  assert.equal(nodeApiBase('[::]:8001', { protocol: 'http:', hostname: '[::1]' }), 'http://[::1]:8001');
});

test('loopback and explicit addresses are kept', () => {
  assert.equal(nodeApiBase('127.0.0.1:8001', page), 'http://127.0.0.1:8001');
  assert.equal(nodeApiBase('10.1.2.3:9001', page), 'http://10.1.2.3:9001');
  assert.equal(nodeApiBase('[::1]:8001', page), 'http://[::1]:8001');
  assert.equal(nodeApiBase('[fe80:0:0:0:0:0:0:1]:8001', page), 'http://[fe80:0:0:0:0:0:0:1]:8001');
  assert.equal(nodeApiBase('node-2.internal:8001', page), 'http://node-2.internal:8001');
});

test('an address without a port gives no base', () => {
  assert.equal(nodeApiBase('0.0.0.0', page), null);
  assert.equal(nodeApiBase('', page), null);
});

test('isWildcard tells bind-all addresses from the others', () => {
  for (const host of ['0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0', '[0:0:0:0:0:0:0:0]', '::%eth0']) {
    assert.equal(isWildcard(host), true, host);
  }
  for (const host of ['127.0.0.1', '::1', '[::1]', '10.0.0.0', 'example.com', '0.0.0.1']) {
    assert.equal(isWildcard(host), false, host);
  }
});
