// A Knative runtime-contract probe: every endpoint reports what this container sees, as JSON.
const http = require('http');
const fs = require('fs');
const dns = require('dns');
const os = require('os');
const crypto = require('crypto');

let requests = 0;          // every HTTP request user code received (the readiness probe must add none)
let probeHeaders = 0;      // requests carrying K-Network-Probe (must stay 0: the router answers them)
let inFlight = 0;
let maxInFlight = 0;
const ticks = [];
setInterval(() => { ticks.push(Date.now()); if (ticks.length > 120) ticks.shift(); }, 250).unref();

function json(res, value, status = 200) {
  res.writeHead(status, {'Content-Type': 'application/json'});
  res.end(JSON.stringify(value));
}

function fileInfo(path) {
  try {
    const st = fs.lstatSync(path);
    let target = null;
    if (st.isSymbolicLink()) target = fs.readlinkSync(path);
    return {exists: true, mode: (st.mode & 0o7777).toString(8), dir: st.isDirectory(), link: target};
  } catch (e) { return {exists: false, error: e.code}; }
}

function tryWrite(path) {
  try { fs.writeFileSync(path, 'x'); fs.unlinkSync(path); return 'ok'; } catch (e) { return e.code; }
}

const routes = {
  '/env': (req, res) => json(res, process.env),
  '/headers': (req, res) => json(res, {method: req.method, url: req.url, version: req.httpVersion,
                                       headers: req.headers, raw: req.rawHeaders}),
  '/echo': (req, res) => {
    const hash = crypto.createHash('sha256');
    let bytes = 0;
    req.on('data', chunk => { hash.update(chunk); bytes += chunk.length; });
    req.on('end', () => json(res, {bytes, sha256: hash.digest('hex'), chunked: req.headers['transfer-encoding'] === 'chunked'}));
  },
  '/stream': (req, res, q) => {
    const n = Number(q.get('n') || 3), gap = Number(q.get('gap') || 1000);
    res.writeHead(200, {'Content-Type': 'text/plain'});
    let i = 0;
    const next = () => { res.write(`chunk ${i} at ${Date.now()}\n`); if (++i < n) setTimeout(next, gap); else res.end(); };
    next();
  },
  '/sleep': (req, res, q) => setTimeout(() => json(res, {slept: Number(q.get('ms'))}), Number(q.get('ms') || 0)),
  '/first-byte-then': (req, res, q) => {
    res.writeHead(200, {'Content-Type': 'text/plain'});
    res.write('started\n');
    setTimeout(() => res.end('done\n'), Number(q.get('ms') || 0));
  },
  '/stats': (req, res) => json(res, {requests, probeHeaders, maxInFlight, hostname: os.hostname(),
                                     ticks: ticks.slice()}),
  '/log': (req, res, q) => { console.log(q.get('line')); console.error('stderr: ' + q.get('line')); json(res, {}); },
  '/crash': (req, res) => { res.end('bye'); setTimeout(() => process.exit(3), 10); },
  '/fds': (req, res) => json(res, {stdin: fileInfo('/proc/self/fd/0').link, stdinTTY: !!process.stdin.isTTY,
    stdoutTTY: !!process.stdout.isTTY, console: fs.existsSync('/dev/console'),
    stdinEof: (() => { try { return fs.readSync(0, Buffer.alloc(1), 0, 1, null) === 0; } catch (e) { return e.code; } })()}),
  '/fs': (req, res) => {
    const files = {};
    for (const p of ['/tmp', '/var/log', '/dev/fd', '/dev/stdin', '/dev/stdout', '/dev/stderr', '/dev/null',
                     '/dev/zero', '/dev/random', '/dev/urandom', '/dev/full', '/dev/ptmx', '/dev/pts', '/dev/shm',
                     '/proc/self/fd/0', '/proc/self/fd/1', '/proc/self/fd/2', '/etc/resolv.conf', '/etc/hosts']) {
      files[p] = fileInfo(p);
    }
    json(res, {files, writeTmp: tryWrite('/tmp/probe-' + process.pid), writeVarLog: tryWrite('/var/log/probe-' + process.pid),
               writeProcSys: tryWrite('/proc/sys/kernel/hostname'), writeCgroup: tryWrite('/sys/fs/cgroup/probe')});
  },
  '/user': (req, res) => json(res, {uid: process.getuid(), euid: process.geteuid(), gid: process.getgid()}),
  '/dns': (req, res, q) => dns.lookup(q.get('name'), (err, address) => json(res, {name: q.get('name'),
                                                                               address: address || null, error: err ? err.code : null})),
  '/': (req, res) => setTimeout(() => res.end('slow root\n'), 30000), // readiness must not depend on it
};

const server = http.createServer((req, res) => {
  requests++;
  if (req.headers['k-network-probe'] !== undefined) probeHeaders++;
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  res.on('close', () => inFlight--);
  const url = new URL(req.url, 'http://x');
  if (url.pathname !== '/stats') console.log(`request ${req.method} ${url.pathname}`);
  else requests--;
  (routes[url.pathname] || ((rq, rs) => json(rs, {error: 'no such probe'}, 404)))(req, res, url.searchParams);
});

process.on('SIGTERM', () => {
  if (process.env.IGNORE_SIGTERM) { console.log('SIGTERM received, ignored'); return; }
  console.log(`SIGTERM received, ${inFlight} in flight`);
  server.close();
  setTimeout(() => { console.log('graceful shutdown done'); process.exit(0); }, Number(process.env.SIGTERM_DELAY_MS || 0));
});

setTimeout(() => server.listen(Number(process.env.PORT), () => console.log('listening on ' + process.env.PORT)),
  Number(process.env.LISTEN_DELAY_MS || 0));
