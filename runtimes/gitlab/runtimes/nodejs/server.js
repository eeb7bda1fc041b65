'use strict';
// GitLab nodejs runtime: an HTTP invoker in the spirit of projectriff's node-function-invoker
// (the runtime GitLab reused), written with the standard library only because no npm registry
// is reachable when offline. Every method on every path invokes the function.
const fs = require('fs');
const http = require('http');
const path = require('path');
const querystring = require('querystring');

const FUNCTION_DIR = process.env.FUNCTION_DIR || '/app/function';
const PORT = parseInt(process.env.PORT || '8080', 10);

// The module: function/<handler>.js, else package.json "main", else index.js.
function modulePath() {
  const handler = (process.env.FUNCTION_HANDLER || '').trim();
  if (handler) {
    for (const name of [handler + '.js', handler]) {
      const file = path.resolve(FUNCTION_DIR, name);
      if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
    }
  }
  const pkg = path.join(FUNCTION_DIR, 'package.json');
  if (fs.existsSync(pkg)) {
    const main = JSON.parse(fs.readFileSync(pkg, 'utf8')).main;
    if (main) return path.resolve(FUNCTION_DIR, main);
  }
  return path.join(FUNCTION_DIR, 'index.js');
}

// Accepts `module.exports = fn`, `module.exports.handler = fn`, a default export that is a
// function or an object holding one, or an object whose only function is the handler.
function pickFunction(exp) {
  if (typeof exp === 'function') return exp;
  if (!exp || typeof exp !== 'object') return null;
  if (typeof exp.handler === 'function') return exp.handler;
  if (exp.default) return pickFunction(exp.default);
  const fns = Object.values(exp).filter((v) => typeof v === 'function');
  return fns.length === 1 ? fns[0] : null;
}

class ClientError extends Error {}

function unmarshal(body, contentType) {
  const type = (contentType || '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return JSON.parse(body.toString('utf8'));
    } catch (e) {
      throw new ClientError(`Invalid JSON request body (Content-Type ${type}): ${e.message}\n`);
    }
  }
  if (type === 'application/x-www-form-urlencoded') return querystring.parse(body.toString('utf8'));
  if (type === '' || type.startsWith('text/')) return body.toString('utf8');
  return body;
}

// Returns [contentType, body]. null/undefined give an empty 200, as riff's Express
// `res.send(undefined)` did.
function marshal(result) {
  if (result === undefined || result === null) return [null, ''];
  if (Buffer.isBuffer(result) || result instanceof Uint8Array) return ['application/octet-stream', Buffer.from(result)];
  if (typeof result === 'string') return ['text/plain; charset=utf-8', result];
  return ['application/json', JSON.stringify(result)];
}

function send(res, status, contentType, body) {
  if (contentType) res.setHeader('Content-Type', contentType);
  res.statusCode = status;
  res.end(body);
}

async function main() {
  const file = modulePath();
  const fn = pickFunction(require(file));
  if (!fn) {
    console.error(`devserver nodejs runtime: ${file} exports no function (use module.exports = (data) => result)`);
    process.exit(1);
  }
  if (typeof fn.$init === 'function') await fn.$init();

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      let data;
      try {
        data = unmarshal(Buffer.concat(chunks), req.headers['content-type']);
      } catch (e) {
        return send(res, 400, 'text/plain; charset=utf-8', e.message);
      }
      try {
        const [type, body] = marshal(await fn(data));
        send(res, 200, type, body);
      } catch (e) {
        console.error(e && e.stack ? e.stack : e);
        send(res, 500, 'text/plain; charset=utf-8', String(e && e.message !== undefined ? e.message : e));
      }
    });
  });
  server.listen(PORT, '0.0.0.0', () => console.log(`HTTP running on 0.0.0.0:${PORT}`));

  // Node as PID 1 ignores SIGTERM by default; without this `docker stop` waits 10 s.
  const stop = async () => {
    server.close();
    if (typeof fn.$destroy === 'function') await fn.$destroy();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
