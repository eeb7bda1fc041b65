// The Logs page: a Kibana-like query over request-log and container lines, and a live tail over Server-Sent Events.
'use strict';

const logsPage = {
  source: null,

  mount(page) {
    const params = new URLSearchParams(location.hash.split('?')[1] || '');
    page.append(
      dom.el('h1', {text: 'Logs'}),
      dom.el('form', {id: 'log-form', class: 'row', onsubmit: (e) => { e.preventDefault(); logsPage.search(); }},
        dom.el('input', {id: 'log-query', class: 'grow', placeholder: 'httpRequest.status:500 OR message:/error/i',
          'aria-label': 'Query', value: params.get('query') || ''}),
        dom.el('button', {id: 'log-search', type: 'submit', text: 'Search'}),
        dom.el('label', {class: 'toggle'}, dom.el('input', {id: 'log-tail', type: 'checkbox',
          onchange: (e) => e.target.checked ? logsPage.follow() : logsPage.stop()}), ' Live tail')),
      dom.el('p', {class: 'muted', text: 'field:value, field:"quoted", message:/regex/, AND, OR, NOT, ( ).'}),
      dom.el('p', {id: 'log-error', class: 'error'}),
      dom.el('div', {id: 'log-lines', class: 'log lines'}));
    logsPage.search();
  },

  query() {
    return document.getElementById('log-query').value.trim();
  },

  async search() {
    const error = document.getElementById('log-error');
    const lines = document.getElementById('log-lines');
    try {
      const body = await dom.api('/devserver/v1/logs?limit=300&query=' + encodeURIComponent(logsPage.query()));
      error.textContent = '';
      dom.clear(lines);
      body.lines.forEach(logsPage.append);
    } catch (e) {
      error.textContent = e.message;
    }
    if (logsPage.source) logsPage.follow(); // the live tail follows the new query
  },

  follow() {
    logsPage.stop();
    const source = new EventSource('/devserver/v1/logs/stream?query=' + encodeURIComponent(logsPage.query()));
    source.onmessage = (event) => {
      try { logsPage.append(JSON.parse(event.data)); } catch (e) { /* a torn event is skipped */ }
    };
    source.onerror = () => {
      document.getElementById('log-error').textContent = 'Live tail interrupted; reconnecting…';
    };
    source.onopen = () => { document.getElementById('log-error').textContent = ''; };
    logsPage.source = source;
  },

  stop() {
    if (logsPage.source) logsPage.source.close();
    logsPage.source = null;
  },

  append(line) {
    const lines = document.getElementById('log-lines');
    if (!lines) return;
    const http = line.httpRequest;
    const who = line.function || line.service || '';
    const text = http ? http.requestMethod + ' ' + http.requestUrl + ' → ' + http.status + ' (' + http.latency + ')'
      : (line.message ?? JSON.stringify(line));
    lines.append(dom.el('div', {class: 'line' + (line.stream === 'stderr' ? ' stderr' : '')},
      dom.el('span', {class: 'time', text: line.timestamp || ''}), ' ',
      dom.el('span', {class: 'who', text: who}), ' ',
      dom.el('span', {class: 'text', text})));
    while (lines.childNodes.length > 2000) lines.removeChild(lines.firstChild);
    lines.scrollTop = lines.scrollHeight;
  },

  unmount() {
    logsPage.stop();
  },
};
