// Calls another Knative service by its cluster name, as on a cluster: GREETER_URL is
// http://<ksvc>.<namespace>.svc.cluster.local (see serverless.yml). Standard library only.
const http = require('http');

function post(url, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) reject(new Error(`${url} answered ${res.statusCode}: ${text}`));
        else resolve(JSON.parse(text));
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

module.exports = async (data) => {
  const reply = await post(process.env.GREETER_URL, { name: (data && data.name) || 'GitLab' });
  return { frontend: 'frontend-js', greeter: process.env.GREETER_URL, ...reply };
};
