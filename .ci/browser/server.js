// The static server the browser checks load the built site from: loopback only, GET and HEAD,
// folders served by their index.html (a folder named without its slash is redirected), the
// site's own 404 page, and no caching. Used by check.js and usability.js.
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
};

// Maps a URL path ("/ja/goals/1/") to a file of the site ("ja/goals/1/index.html"), or null.
// `dirWithoutSlash` tells that the path names a folder without its trailing slash.
function resolveUrlPath(site, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const normal = path.posix.normalize(decoded);
  if (!normal.startsWith('/') || normal.split('/').includes('..')) return null;
  let rel = normal.replace(/^\/+/, '');
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const full = path.join(site, rel);
  if (!full.startsWith(site + path.sep)) return null;
  let stat;
  try {
    stat = fs.statSync(full);
  } catch {
    return null;
  }
  if (stat.isFile()) return { rel, full };
  if (stat.isDirectory() && fs.existsSync(path.join(full, 'index.html'))) {
    return { rel: `${rel}/index.html`, full: path.join(full, 'index.html'), dirWithoutSlash: true };
  }
  return null;
}

function startServer(site) {
  const server = http.createServer((req, res) => {
    const remote = req.socket.remoteAddress || '';
    if (!(remote === '127.0.0.1' || remote === '::1' || remote === '::ffff:127.0.0.1')) {
      res.writeHead(403).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url, 'http://127.0.0.1');
    const found = resolveUrlPath(site, url.pathname);
    if (found && found.dirWithoutSlash) {
      res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    if (!found) {
      const notFound = path.join(site, '404.html');
      const body = fs.existsSync(notFound) ? fs.readFileSync(notFound) : Buffer.from('not found\n');
      res.writeHead(404, {
        'Content-Type': fs.existsSync(notFound) ? MIME['.html'] : MIME['.txt'],
        'Content-Length': body.length,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    const body = fs.readFileSync(found.full);
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(found.full).toLowerCase()] || 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

module.exports = { MIME, resolveUrlPath, startServer };
