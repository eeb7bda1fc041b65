// A function's page, after GitLab's function_details.vue: name, description, URL, pods in use, the invocations
// chart (last 8 hours); plus what devserver adds: revisions, recent requests, container log and the Invoke panel.
'use strict';

const functionPage = {
  name: null,
  chart: null,

  mount(page, name) {
    functionPage.name = name;
    functionPage.chart = null;
    page.append(
      dom.el('p', {}, dom.el('a', {href: '#/', text: '← Functions'})),
      dom.el('h1', {id: 'function-name', text: name}),
      dom.el('p', {id: 'function-error', class: 'error'}),
      dom.el('pre', {id: 'function-description', class: 'description'}),
      dom.el('div', {class: 'url-line', id: 'function-url-line'}),
      dom.el('section', {},
        dom.el('h2', {text: 'Kubernetes Pods'}),
        dom.el('p', {id: 'function-pods'}),
        dom.el('p', {class: 'muted', text: 'Number of pods (containers) in use over time based on necessity.'})),
      dom.el('section', {},
        dom.el('h2', {text: 'Invocations'}),
        dom.el('div', {id: 'chart', class: 'chart'}),
        dom.el('p', {id: 'chart-note', class: 'muted'})),
      invokePanel.build(name),
      dom.el('section', {},
        dom.el('h2', {text: 'Recent requests'}),
        functionPage.table('requests', ['Time', 'Method', 'Path', 'Status', 'Latency'])),
      dom.el('section', {},
        dom.el('h2', {text: 'Revisions'}),
        functionPage.table('revisions', ['Name', 'Image', 'Created', 'Ready', 'Containers', 'Traffic'])),
      dom.el('section', {},
        dom.el('h2', {text: 'Container log'}),
        dom.el('pre', {id: 'container-log', class: 'log'})));
  },

  table(id, headings) {
    return dom.el('table', {id, class: 'table'},
      dom.el('thead', {}, dom.el('tr', {}, ...headings.map(h => dom.el('th', {text: h})))),
      dom.el('tbody', {}));
  },

  fill(id, rows) {
    const body = dom.clear(document.querySelector('#' + id + ' tbody'));
    for (const cells of rows) body.append(dom.el('tr', {}, ...cells.map(c => c instanceof Node ? dom.el('td', {}, c) : dom.el('td', {text: c}))));
  },

  async refresh() {
    const name = functionPage.name;
    const base = '/devserver/v1/functions/' + encodeURIComponent(name);
    try {
      const fn = await dom.api(base);
      document.getElementById('function-error').textContent = '';
      functionPage.details(fn);
    } catch (e) {
      document.getElementById('function-error').textContent = e.message;
      return;
    }
    dom.api(base + '/metrics?minutes=480').then(functionPage.metrics).catch(e => {
      document.getElementById('chart-note').textContent = 'Metrics: ' + e.message;
    });
    dom.api(base + '/logs').then(body => {
      const text = body.lines.map(l => (l.timestamp || '') + ' ' + (l.stream === 'stderr' ? '! ' : '  ') + (l.message || '')).join('\n');
      document.getElementById('container-log').textContent = body.available === false ? 'Log search is not available.' : text || 'No output yet.';
    }).catch(() => {});
  },

  details(fn) {
    document.getElementById('function-name').replaceChildren(fn.name, ' ', dom.statusBadge(fn));
    const description = [fn.serviceDescription, fn.description].filter(Boolean).join('\n');
    document.getElementById('function-description').textContent = description;
    document.getElementById('function-url-line').replaceChildren(
      dom.el('a', {id: 'function-url', href: fn.url, target: '_blank', rel: 'noopener noreferrer', text: fn.url}),
      dom.copyButton(fn.url),
      dom.el('span', {class: 'muted', text: '  ' + (fn.runtime || '') + ' · created ' + dom.ago(fn.created)}));
    const pods = fn.containers > 0 ? fn.containers + (fn.containers === 1 ? ' pod in use' : ' pods in use') : 'No pods loaded at this time.';
    document.getElementById('function-pods').replaceChildren(pods,
      ...Array.from({length: Math.min(fn.containers, 20)}, () => dom.el('span', {class: 'pod'})),
      !fn.ready && fn.reason ? dom.el('pre', {class: 'reason', text: fn.reason}) : '');
    functionPage.fill('requests', (fn.recentRequests || []).slice().reverse().map(line => {
      const http = line.httpRequest || {};
      const status = String(http.status ?? '');
      return [dom.ago(line.timestamp), http.requestMethod || '', http.requestUrl || '',
        dom.el('span', {class: 'status s' + status.charAt(0), text: status}), http.latency || ''];
    }));
    functionPage.fill('revisions', fn.revisions.slice().reverse().map(r => [r.name, r.image || '', dom.ago(r.created),
      r.ready ? 'True' : (r.failure ? 'False: ' + dom.firstLine(r.failure) : 'Unknown'), String(r.containers), r.active ? '100%' : '']));
  },

  metrics(body) {
    const note = document.getElementById('chart-note');
    if (!body.available) {
      note.textContent = 'Invocation metrics are not available in this devserver yet.';
      return;
    }
    note.textContent = 'invocations / minute, last 8 hours';
    const data = [body.points.map(p => Date.parse(p.minute) / 1000), body.points.map(p => p.invocations)];
    if (typeof uPlot === 'undefined') return;
    const box = document.getElementById('chart');
    if (!functionPage.chart) {
      functionPage.chart = new uPlot({
        width: Math.max(300, box.clientWidth - 10), height: 220,
        series: [{}, {label: 'Invocations', stroke: '#6666c4', fill: 'rgba(102,102,196,0.2)', width: 2}],
        axes: [{}, {label: 'Invocations'}],
        scales: {y: {range: (u, min, max) => [0, Math.max(1, max)]}},
      }, data, box);
    } else {
      functionPage.chart.setData(data);
    }
  },
};

// The Invoke panel: method, path, headers, body → status, headers, body, duration. Built once per page so
// the 2-second refresh never wipes what the user typed.
const invokePanel = {
  build(name) {
    const method = dom.el('select', {id: 'invoke-method'},
      ...['POST', 'GET', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].map(m => dom.el('option', {value: m, text: m})));
    return dom.el('section', {class: 'invoke', id: 'invoke'},
      dom.el('h2', {text: 'Invoke'}),
      dom.el('div', {class: 'row'}, method, dom.el('input', {id: 'invoke-path', value: '/', 'aria-label': 'Path'})),
      dom.el('label', {for: 'invoke-headers', text: 'Headers (one "Name: value" per line)'}),
      dom.el('textarea', {id: 'invoke-headers', rows: 2, spellcheck: 'false'}),
      dom.el('label', {for: 'invoke-body', text: 'Body'}),
      dom.el('textarea', {id: 'invoke-body', rows: 5, spellcheck: 'false'}),
      dom.el('div', {class: 'row'},
        dom.el('button', {id: 'invoke-send', type: 'button', text: 'Send', onclick: () => invokePanel.send(name)}),
        dom.el('span', {id: 'invoke-status', class: 'status'}),
        dom.el('span', {id: 'invoke-duration', class: 'muted'})),
      dom.el('pre', {id: 'invoke-response-headers', class: 'log'}),
      dom.el('pre', {id: 'invoke-response-body', class: 'log'}));
  },

  headers() {
    const headers = {};
    for (const line of document.getElementById('invoke-headers').value.split('\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
    return headers;
  },

  async send(name) {
    const status = document.getElementById('invoke-status');
    const duration = document.getElementById('invoke-duration');
    const method = document.getElementById('invoke-method').value;
    const body = document.getElementById('invoke-body').value;
    status.textContent = '…';
    status.className = 'status';
    duration.textContent = '';
    try {
      const result = await dom.api('/devserver/v1/functions/' + encodeURIComponent(name) + '/invoke', {
        method: 'POST',
        headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({method, path: document.getElementById('invoke-path').value || '/', headers: invokePanel.headers(),
          body: method === 'GET' || method === 'HEAD' || body === '' ? null : body}),
      });
      status.textContent = String(result.status);
      status.className = 'status s' + String(result.status).charAt(0);
      duration.textContent = result.durationMs.toFixed(1) + ' ms';
      document.getElementById('invoke-response-headers').textContent =
        Object.entries(result.headers).map(([k, v]) => k + ': ' + v).join('\n');
      document.getElementById('invoke-response-body').textContent = result.body + (result.truncated ? '\n… (truncated)' : '');
    } catch (e) {
      status.textContent = 'Error';
      status.className = 'status s5';
      document.getElementById('invoke-response-body').textContent = e.message;
    }
  },
};
