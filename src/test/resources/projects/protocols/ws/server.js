'use strict';
// A WebSocket echo (RFC 6455 by hand: offline, no npm) and a server-sent event stream that holds its second event
// until /release is called, so a client sees the first one only if nothing between buffers the stream.
const crypto = require('crypto');
const http = require('http');

let release = null;
const server = http.createServer((req, res) => {
  if (req.url === '/events') {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    res.write('data: first\n\n');
    release = () => res.end('data: second\n\n');
  } else if (req.url === '/release' && release) {
    release();
    release = null;
    res.end('released\n');
  } else {
    res.end(`plain ${req.method} ${req.url} upgrade=${req.headers.upgrade || ''}\n`);
  }
});

function frame(opcode, payload) {
  const head = payload.length < 126 ? Buffer.from([0x80 | opcode, payload.length])
    : Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([head, payload]);
}

server.on('upgrade', (req, socket) => {
  const accept = crypto.createHash('sha1')
    .update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
  socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
    + `Sec-WebSocket-Accept: ${accept}\r\n\r\n`);
  socket.write(frame(1, Buffer.from(`welcome to ${req.url}`))); // the server speaks first: both directions
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 2) {
      const opcode = pending[0] & 0x0f;
      let length = pending[1] & 0x7f;
      let offset = 2;
      if (length === 126) { length = pending.readUInt16BE(2); offset = 4; }
      if (pending.length < offset + 4 + length) return;
      const mask = pending.subarray(offset, offset + 4);
      const payload = Buffer.from(pending.subarray(offset + 4, offset + 4 + length).map((b, i) => b ^ mask[i % 4]));
      pending = pending.subarray(offset + 4 + length);
      if (opcode === 8) { socket.end(frame(8, payload)); return; }
      if (opcode === 1) socket.write(frame(1, Buffer.from(`echo: ${payload.toString('utf8')}`)));
    }
  });
  socket.on('error', () => {});
});
server.listen(parseInt(process.env.PORT || '8080', 10), '0.0.0.0');
process.on('SIGTERM', () => process.exit(0));
