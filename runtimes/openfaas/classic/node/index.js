'use strict';
// OpenFaaS node template's index.js, with get-stdin replaced by the standard library (no npm
// registry offline): the stdin string goes to handler(context, callback); objects and arrays
// are printed as JSON with a newline, anything else written as is, errors to stderr.
const handler = require('./function/handler');

const isObject = (a) => !!a && a.constructor === Object;

const cb = (err, res) => {
  if (err) return console.error(err);
  if (!res) return;
  if (Array.isArray(res) || isObject(res)) console.log(JSON.stringify(res));
  else process.stdout.write(res);
};

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const val = Buffer.concat(chunks).toString('utf8');
  const result = handler(val, cb);
  if (result instanceof Promise) result.then((data) => cb(undefined, data)).catch((e) => cb(e, undefined));
});
