// A function's page, after GitLab's function_details.vue: name, description, URL, pods; then what GitLab's page
// lacks: invocations and pods on one time axis fitted to the activity, latency and error rate, cold starts,
// revisions on a timeline with their traffic, recent requests, container log and the Invoke panel.
// The server computes every number (/activity); this file only draws. It redraws when the event stream says so.
'use strict';

const functionPage = {
  name: null,
  window: 'auto',
  fn: null,
  activityData: null,
  chart: null,
  latencyChart: null,

  mount(page, name) {
    Object.assign(functionPage, {name, window: 'auto', fn: null, activityData: null, chart: null, latencyChart: null,
      listedEntry: undefined});
    const windows = ['auto', '15m', '1h', '8h'].map(w => dom.el('button', {type: 'button', class: 'window', 'data-window': w,
      'aria-pressed': String(w === 'auto'), text: {auto: 'Auto', '15m': '15 min', '1h': '1 hour', '8h': '8 hours'}[w],
      onclick: () => functionPage.pick(w)}));
    page.append(
      dom.el('p', {}, dom.el('a', {href: '#/', text: '← Functions'})),
      dom.el('h1', {id: 'function-name', text: name}),
      dom.el('p', {id: 'function-error', class: 'error', role: 'alert'}),
      dom.el('pre', {id: 'function-description', class: 'description'}),
      dom.el('div', {class: 'url-line', id: 'function-url-line'}),
      dom.el('p', {id: 'function-pods'}),
      dom.el('section', {id: 'activity', 'aria-labelledby': 'activity-title'},
        dom.el('div', {class: 'section-head'},
          dom.el('h2', {id: 'activity-title', text: 'Activity'}),
          dom.el('div', {class: 'window-switch', role: 'group', 'aria-label': 'Time window'}, ...windows),
          dom.el('span', {id: 'window-note', class: 'muted'})),
        dom.el('div', {class: 'activity-grid'},
          dom.el('div', {class: 'charts'},
            dom.el('figure', {},
              dom.el('figcaption', {text: 'Invocations and pods (● cold start)'}),
              dom.el('div', {id: 'chart', class: 'chart', role: 'img', tabindex: '0', 'aria-label': 'Invocations and pods over time'})),
            dom.el('figure', {},
              dom.el('figcaption', {text: 'Latency p50 / p95 and error rate'}),
              dom.el('div', {id: 'latency-chart', class: 'chart', role: 'img', tabindex: '0', 'aria-label': 'Latency and error rate over time'}))),
          dom.el('dl', {id: 'activity-stats', class: 'stats'})),
        dom.el('details', {class: 'chart-data'}, dom.el('summary', {text: 'Chart data'}),
          dom.el('table', {id: 'activity-table', class: 'table'})),
        dom.el('p', {id: 'chart-note', class: 'muted'})),
      dom.el('section', {'aria-labelledby': 'revisions-title'},
        dom.el('h2', {id: 'revisions-title', text: 'Revisions and traffic'}),
        dom.el('div', {id: 'traffic', class: 'traffic-bar', role: 'img'}),
        dom.el('ol', {id: 'revision-timeline', class: 'timeline'})),
      invokePanel.build(name),
      dom.el('section', {},
        dom.el('h2', {text: 'Recent requests'}),
        functionPage.table('requests', ['Time', 'Method', 'Path', 'Status', 'Latency'])),
      dom.el('section', {},
        dom.el('h2', {text: 'Container log'}),
        dom.el('pre', {id: 'container-log', class: 'log', tabindex: '0'})));
    functionPage.later = dom.throttle(() => functionPage.refresh(), 1000);
  },

  events() {
    return {
      params: {function: functionPage.name, lines: '1'},
      functions: functionPage.listed,
      line: () => functionPage.later(),
    };
  },

  tick() {
    if (functionPage.fn) functionPage.details(functionPage.fn);
  },

  pick(window) {
    functionPage.window = window;
    functionPage.activity();
  },

  table(id, headings) {
    return dom.el('table', {id, class: 'table'},
      dom.el('thead', {}, dom.el('tr', {}, ...headings.map(h => dom.el('th', {scope: 'col', text: h})))),
      dom.el('tbody', {}));
  },

  fill(id, rows) {
    const body = dom.clear(document.querySelector('#' + id + ' tbody'));
    for (const cells of rows) body.append(dom.el('tr', {}, ...cells.map(c => c instanceof Node ? dom.el('td', {}, c) : dom.el('td', {text: c}))));
  },

  /** Details, activity and the container log at once (none waits for another); ready once the first two are drawn. */
  async refresh() {
    const base = '/devserver/v1/functions/' + encodeURIComponent(functionPage.name);
    const details = dom.api(base).then(fn => {
      document.getElementById('function-error').textContent = '';
      functionPage.fn = fn;
      functionPage.details(fn);
    }, e => {
      const error = document.getElementById('function-error');
      if (error) error.textContent = e.message;
      throw e;
    });
    const activity = functionPage.activity();
    dom.api(base + '/logs').then(body => {
      const text = body.lines.map(l => (l.timestamp || '') + ' ' + (l.stream === 'stderr' ? '! ' : '  ') + (l.message || '')).join('\n');
      const log = document.getElementById('container-log');
      if (log) log.textContent = body.available === false ? 'Log search is not available.' : text || 'No output yet.';
    }).catch(() => {});
    try {
      await Promise.all([details, activity]);
      app.ready();
    } catch (e) {
      // shown on the page already
    }
  },

  /** The event stream's function list: refresh when this function's entry changed (the first one is what we have). */
  listed(functions) {
    const entry = JSON.stringify(functions.find(f => f.name === functionPage.name) || null);
    const before = functionPage.listedEntry;
    functionPage.listedEntry = entry;
    if (before !== undefined && before !== entry) functionPage.later();
  },

  async activity() {
    const name = functionPage.name;
    try {
      const body = await dom.api('/devserver/v1/functions/' + encodeURIComponent(name) + '/activity?window=' + functionPage.window);
      if (name !== functionPage.name || !document.getElementById('chart')) return;
      functionPage.activityData = body;
      functionPage.draw(body);
    } catch (e) {
      const note = document.getElementById('chart-note');
      if (note) note.textContent = 'Activity: ' + e.message;
    }
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
      ...Array.from({length: Math.min(fn.containers, 20)}, () => dom.el('span', {class: 'pod', 'aria-hidden': 'true'})),
      !fn.ready && fn.reason ? dom.el('pre', {class: 'reason', text: fn.reason}) : '');
    functionPage.fill('requests', (fn.recentRequests || []).slice().reverse().map(line => {
      const http = line.httpRequest || {};
      const status = String(http.status ?? '');
      return [dom.ago(line.timestamp), http.requestMethod || '', http.requestUrl || '',
        dom.el('span', {class: 'status s' + status.charAt(0), text: status}), http.latency || ''];
    }));
    revisionsView.draw(fn);
    const podsNow = document.getElementById('stat-pods');
    if (podsNow) podsNow.textContent = String(fn.containers);
  },

  draw(body) {
    for (const button of document.querySelectorAll('.window-switch .window')) {
      const w = button.getAttribute('data-window');
      button.setAttribute('aria-pressed', String(w === functionPage.window));
      button.classList.toggle('shown', w === body.window);
    }
    const minutes = body.bucketSeconds >= 60 ? body.bucketSeconds / 60 + ' min' : body.bucketSeconds + ' s';
    document.getElementById('window-note').textContent = 'last ' + {'15m': '15 minutes', '1h': 'hour', '8h': '8 hours'}[body.window]
      + (body.auto ? ' (fits the activity)' : '') + ' · ' + minutes + ' buckets';
    document.getElementById('chart-note').textContent = body.logsAvailable ? '' : 'Request metrics need the request log, which is not available.';
    const cold = body.time.map(() => null);
    const pods = body.pods || body.time.map(() => null);
    for (const start of body.coldStarts) {
      const i = Math.floor((Date.parse(start.at) / 1000 - body.time[0]) / body.bucketSeconds);
      if (i >= 0 && i < cold.length) cold[i] = Math.max(1, pods[i] || 0);
    }
    if (!functionPage.chart) {
      functionPage.chart = charts.time(document.getElementById('chart'), {
        series: [{label: 'Invocations', color: charts.colors.invocations, scale: 'n', bars: true},
          {label: 'Pods', color: charts.colors.pods, scale: 'pods'},
          {label: 'Cold starts', color: charts.colors.cold, scale: 'pods', points: true}],
        axes: [{scale: 'n', label: 'Invocations', integer: true}, {scale: 'pods', label: 'Pods', side: 1, integer: true}],
      });
      functionPage.latencyChart = charts.time(document.getElementById('latency-chart'), {height: 160,
        series: [{label: 'p50', color: charts.colors.p50, scale: 'ms'}, {label: 'p95', color: charts.colors.p95, scale: 'ms'},
          {label: 'Errors %', color: charts.colors.errors, scale: 'pct'}],
        axes: [{scale: 'ms', label: 'ms'}, {scale: 'pct', label: 'errors %', side: 1, min: 5}],
      });
    }
    if (functionPage.chart) {
      functionPage.chart.setData([body.time, body.invocations, pods, cold]);
      functionPage.latencyChart.setData([body.time, body.p50Ms, body.p95Ms, body.errorRate]);
    }
    const t = body.totals;
    const coldCount = body.coldStarts.length;
    const now = functionPage.fn ? functionPage.fn.containers : pods[pods.length - 1];
    document.getElementById('activity-stats').replaceChildren(...[
      ['Invocations', String(t.invocations), 'stat-invocations'], ['Latency p50', dom.millis(t.invocations ? t.p50Ms : null), 'stat-p50'],
      ['Latency p95', dom.millis(t.invocations ? t.p95Ms : null), 'stat-p95'],
      ['Error rate', t.invocations ? t.errorRate.toFixed(1) + ' %' : '–', 'stat-errors'],
      ['Pods now', String(now ?? 0), 'stat-pods'], ['Cold starts', String(coldCount), 'stat-cold']]
      .map(([label, value, id]) => dom.el('div', {class: 'stat'}, dom.el('dt', {text: label}), dom.el('dd', {id, text: value}))));
    document.getElementById('chart').setAttribute('aria-label', t.invocations + ' invocations in the last '
      + body.window + ', ' + coldCount + ' cold starts; the numbers are in the Chart data table');
    charts.table(document.getElementById('activity-table'), ['From', 'Invocations', 'Pods', 'p50', 'p95', 'Errors %'],
      body.time.map((x, i) => [dom.clock(x, body.bucketSeconds < 60), String(body.invocations[i]), pods[i] === null ? null : String(pods[i]),
        body.p50Ms[i] === null ? null : dom.millis(body.p50Ms[i]), body.p95Ms[i] === null ? null : dom.millis(body.p95Ms[i]),
        body.errorRate[i] === null ? null : body.errorRate[i].toFixed(1)]));
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
      invokePanel.cloudEventFields(),
      dom.el('div', {class: 'row'},
        dom.el('button', {id: 'invoke-send', type: 'button', text: 'Send', onclick: () => invokePanel.send(name)}),
        dom.el('span', {id: 'invoke-status', class: 'status'}),
        dom.el('span', {id: 'invoke-duration', class: 'muted'})),
      dom.el('pre', {id: 'invoke-response-headers', class: 'log'}),
      dom.el('pre', {id: 'invoke-response-body', class: 'log'}));
  },

  // CloudEvent mode: the body becomes the event's data, sent in binary (ce-* headers) or structured mode.
  cloudEventFields() {
    const input = (id, label, placeholder) => dom.el('input', {id, placeholder, 'aria-label': label});
    return dom.el('div', {class: 'row'},
      dom.el('label', {}, dom.el('input', {type: 'checkbox', id: 'invoke-ce'}), ' CloudEvent'),
      input('invoke-ce-type', 'Event type', 'type, e.g. com.example.created'),
      input('invoke-ce-source', 'Event source', 'source, e.g. /my/app'),
      input('invoke-ce-id', 'Event id', 'id (default: random)'),
      dom.el('label', {}, dom.el('input', {type: 'checkbox', id: 'invoke-ce-structured'}), ' structured'));
  },

  cloudEvent() {
    if (!document.getElementById('invoke-ce').checked) return undefined;
    const value = id => document.getElementById(id).value.trim();
    return {type: value('invoke-ce-type'), source: value('invoke-ce-source'), id: value('invoke-ce-id') || null,
      structured: document.getElementById('invoke-ce-structured').checked};
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
          body: method === 'GET' || method === 'HEAD' || body === '' ? null : body, cloudEvent: invokePanel.cloudEvent()}),
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
