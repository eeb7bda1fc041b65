// The Logs page, after Kibana's Discover: a query (kept in the URL, so a view can be shared), a histogram of the
// matching lines over time (drag across it to zoom the range), the top values of a few fields (click one to add it
// to the query) and the lines; the live tail follows new lines and pauses while you scroll up to read.
// The server counts everything (/logs/summary); this file only draws.
'use strict';

const logsPage = {
  range: {from: null, to: null},
  chart: null,
  tail: false,
  paused: false,
  held: [],

  mount(page) {
    const params = new URLSearchParams(location.hash.split('?')[1] || '');
    Object.assign(logsPage, {range: {from: params.get('from'), to: params.get('to')}, chart: null,
      tail: params.get('tail') === '1', paused: false, held: []});
    page.append(
      dom.el('h1', {text: 'Logs'}),
      dom.el('form', {id: 'log-form', class: 'row', role: 'search', onsubmit: (e) => { e.preventDefault(); logsPage.search(); }},
        dom.el('input', {id: 'log-query', class: 'grow', placeholder: 'httpRequest.status:500 OR message:/error/i',
          'aria-label': 'Query', value: params.get('query') || ''}),
        dom.el('button', {id: 'log-search', type: 'submit', text: 'Search'}),
        dom.el('label', {class: 'toggle'}, dom.el('input', {id: 'log-tail', type: 'checkbox',
          onchange: (e) => logsPage.follow(e.target.checked)}), ' Live tail')),
      dom.el('p', {class: 'muted', text: 'field:value, field:"quoted", message:/regex/, httpRequest.status>=500, AND, OR, NOT, ( ).'}),
      dom.el('p', {id: 'log-error', class: 'error', role: 'alert'}),
      dom.el('section', {class: 'histogram', 'aria-labelledby': 'histogram-title'},
        dom.el('div', {class: 'section-head'},
          dom.el('h2', {id: 'histogram-title', text: 'Matching lines over time'}),
          dom.el('span', {id: 'histogram-note', class: 'muted'}),
          dom.el('button', {id: 'range-reset', type: 'button', text: 'Whole range', onclick: () => logsPage.zoom(null, null)})),
        dom.el('div', {id: 'histogram', class: 'chart', role: 'img', tabindex: '0', 'aria-label': 'Matching lines over time; drag to zoom'}),
        dom.el('details', {class: 'chart-data'}, dom.el('summary', {text: 'Histogram data'}),
          dom.el('table', {id: 'histogram-table', class: 'table'}))),
      dom.el('div', {class: 'discover'},
        dom.el('aside', {id: 'log-fields', class: 'fields', 'aria-label': 'Field values'}),
        dom.el('div', {class: 'results'},
          dom.el('p', {id: 'log-count', class: 'muted', 'aria-live': 'polite'}),
          dom.el('div', {id: 'log-lines', class: 'log lines', tabindex: '0', onscroll: logsPage.scrolled}),
          dom.el('button', {id: 'tail-paused', type: 'button', class: 'paused', hidden: 'hidden',
            onclick: () => logsPage.resume()}))));
    document.getElementById('log-tail').checked = logsPage.tail;
    logsPage.redrawSummary = dom.throttle(() => logsPage.summary(), 2000);
  },

  refresh() {
    return logsPage.search();
  },

  events() {
    return logsPage.tail ? {params: {query: logsPage.query(), lines: '1'}, line: logsPage.arrived} : null;
  },

  query() {
    return document.getElementById('log-query').value.trim();
  },

  /** The query and range as URL parameters: the same ones the page reads when it loads. */
  params() {
    const params = new URLSearchParams();
    if (logsPage.query()) params.set('query', logsPage.query());
    if (logsPage.range.from) params.set('from', logsPage.range.from);
    if (logsPage.range.to) params.set('to', logsPage.range.to);
    if (logsPage.tail) params.set('tail', '1');
    return params;
  },

  /** One request: the newest lines and the summary of all matching ones come from one scan on the server. */
  async search() {
    const params = logsPage.params();
    history.replaceState(null, '', '#/logs' + (String(params) ? '?' + params : ''));
    const api = new URLSearchParams(params);
    api.delete('tail');
    api.set('limit', '300');
    api.set('summary', '1');
    const error = document.getElementById('log-error');
    try {
      const body = await dom.api('/devserver/v1/logs?' + api);
      if (!document.getElementById('log-lines')) return;
      error.textContent = '';
      logsPage.drawSummary(body.summary);
      const lines = dom.clear(document.getElementById('log-lines'));
      lines.append(...body.lines.map(logsPage.line));
      lines.scrollTop = lines.scrollHeight;
      logsPage.held = []; // the new results hold them already
      logsPage.resume();
      app.ready();
    } catch (e) {
      error.textContent = e.message;
    }
    app.relisten(); // the live tail follows the new query
  },

  /** Again while the live tail brings lines (throttled): the histogram and counts only. */
  async summary() {
    const api = logsPage.params();
    api.delete('tail');
    logsPage.drawSummary(await dom.api('/devserver/v1/logs/summary?' + api));
  },

  drawSummary(body) {
    logsPage.summaryData = body;
    if (!document.getElementById('histogram')) return;
    logsPage.drawHistogram(body);
    logsPage.drawFields(body.fields);
    document.getElementById('log-count').textContent = body.total + (body.total === 1 ? ' matching line' : ' matching lines')
      + (body.total > 300 ? ' (the newest 300 shown)' : '');
  },

  drawHistogram(body) {
    const bucket = body.bucketSeconds >= 60 ? body.bucketSeconds / 60 + ' min' : body.bucketSeconds + ' s';
    document.getElementById('histogram-note').textContent = new Date(body.from).toLocaleString() + ' – '
      + new Date(body.to).toLocaleTimeString() + ' · ' + bucket + ' buckets · drag to zoom';
    document.getElementById('range-reset').hidden = !logsPage.range.from && !logsPage.range.to;
    if (!logsPage.chart) {
      logsPage.chart = charts.time(document.getElementById('histogram'), {height: 140, onSelect: logsPage.zoomTo,
        series: [{label: 'Lines', color: charts.colors.invocations, scale: 'n', bars: true}],
        axes: [{scale: 'n', label: 'Lines', integer: true}]});
    }
    if (logsPage.chart) logsPage.chart.setData([body.time, body.counts]);
    charts.table(document.getElementById('histogram-table'), ['From', 'Lines'],
      body.time.map((x, i) => [dom.clock(x, body.bucketSeconds < 60), String(body.counts[i])]));
  },

  drawFields(fields) {
    const aside = dom.clear(document.getElementById('log-fields'));
    for (const [field, values] of Object.entries(fields)) {
      aside.append(dom.el('h3', {text: field}), values.length === 0 ? dom.el('p', {class: 'muted', text: 'none'})
        : dom.el('ul', {}, ...values.map(v => dom.el('li', {},
          dom.el('button', {type: 'button', class: 'field-value', 'data-field': field, 'data-value': v.value,
            title: 'Add ' + field + ':' + v.value + ' to the query', onclick: () => logsPage.add(field, v.value)},
          dom.el('span', {class: 'value', text: v.value}), dom.el('span', {class: 'count', text: String(v.count)}))))));
    }
  },

  /** Adds field:value to the query with AND (the old query in parentheses when it has an OR). */
  add(field, value) {
    const term = field + ':' + (/^[\w.-]+$/.test(value) ? value : '"' + value.replace(/["\\]/g, '\\$&') + '"');
    const query = logsPage.query();
    document.getElementById('log-query').value = !query ? term : (/\bOR\b/.test(query) ? '(' + query + ')' : query) + ' AND ' + term;
    logsPage.search();
  },

  zoomTo(fromSeconds, toSeconds) {
    logsPage.zoom(new Date(fromSeconds * 1000).toISOString(), new Date(toSeconds * 1000).toISOString());
  },

  zoom(from, to) {
    logsPage.range = {from, to};
    logsPage.search();
  },

  follow(on) {
    logsPage.tail = on;
    logsPage.search();
  },

  arrived(line) {
    if (logsPage.paused) {
      logsPage.held.push(line);
      logsPage.showPaused();
    } else {
      logsPage.append([line]);
    }
    logsPage.redrawSummary();
  },

  /** Reading older lines (scrolled up) pauses the tail; back at the bottom it resumes. */
  scrolled() {
    const lines = document.getElementById('log-lines');
    const atBottom = lines.scrollHeight - lines.scrollTop - lines.clientHeight < 8;
    if (!atBottom && logsPage.tail && !logsPage.paused) {
      logsPage.paused = true;
      logsPage.showPaused();
    } else if (atBottom && logsPage.paused) {
      logsPage.resume();
    }
  },

  showPaused() {
    const button = document.getElementById('tail-paused');
    button.hidden = false;
    button.textContent = 'Live tail paused while you read · ' + logsPage.held.length + ' new · Jump to latest';
  },

  resume() {
    const held = logsPage.held;
    logsPage.paused = false;
    logsPage.held = [];
    document.getElementById('tail-paused').hidden = true;
    if (held.length) logsPage.append(held);
  },

  append(items) {
    const lines = document.getElementById('log-lines');
    if (!lines) return;
    lines.append(...items.map(logsPage.line));
    while (lines.childNodes.length > 2000) lines.removeChild(lines.firstChild);
    lines.scrollTop = lines.scrollHeight;
  },

  line(line) {
    const http = line.httpRequest;
    const who = line.function || line.service || '';
    const text = http ? http.requestMethod + ' ' + http.requestUrl + ' → ' + http.status + ' (' + http.latency + ')'
      : (line.message ?? JSON.stringify(line));
    return dom.el('div', {class: 'line' + (line.stream === 'stderr' ? ' stderr' : '') + (http ? ' request s' + String(http.status).charAt(0) : '')},
      dom.el('span', {class: 'time', text: line.timestamp || ''}), ' ',
      dom.el('span', {class: 'who', text: who}), ' ',
      dom.el('span', {class: 'text', text}));
  },

  unmount() {
    logsPage.chart = null;
  },
};
