// Hash routes (#/, #/functions/<name>, #/logs?query=…) and the page's one live connection: the server's event stream
// (/devserver/v1/events) says when functions changed or a log line arrived, and the page redraws; nothing polls.
'use strict';

const app = {
  current: null,
  source: null,
  clock: null,

  route() {
    const hash = location.hash.split('?')[0] || '#/';
    if (app.current && app.current.unmount) app.current.unmount();
    app.close();
    clearInterval(app.clock);
    const page = dom.clear(document.getElementById('page'));
    const match = hash.match(/^#\/functions\/([^/]+)$/);
    let current;
    if (match) {
      current = functionPage;
      functionPage.mount(page, decodeURIComponent(match[1]));
    } else if (hash === '#/logs') {
      current = logsPage;
      logsPage.mount(page);
    } else {
      current = functionsPage;
      functionsPage.mount(page);
    }
    app.current = current;
    document.getElementById('nav-logs').classList.toggle('active', current === logsPage);
    document.getElementById('nav-functions').classList.toggle('active', current !== logsPage);
    if (current.refresh) current.refresh();
    app.relisten();
    // "2m ago" labels age without data changing: redraw from what the page has, no request.
    if (current.tick) app.clock = setInterval(current.tick, 30000);
  },

  /** Opens the event stream; {params, functions(list), line(line)} from the page. */
  listen(spec) {
    const query = new URLSearchParams(spec.params || {});
    const source = new EventSource('/devserver/v1/events?' + query);
    const connection = document.getElementById('connection');
    source.addEventListener('functions', (event) => {
      if (spec.functions) spec.functions(JSON.parse(event.data).functions);
    });
    source.addEventListener('line', (event) => {
      try { if (spec.line) spec.line(JSON.parse(event.data)); } catch (e) { /* a torn event is skipped */ }
    });
    source.onopen = () => { connection.textContent = ''; };
    source.onerror = () => { connection.textContent = 'devserver is not answering; reconnecting…'; };
    app.source = source;
  },

  close() {
    if (app.source) app.source.close();
    app.source = null;
  },

  /** A page calls this once its first data is drawn: the load-time test reads the mark (navigation start → here). */
  ready() {
    if (performance.getEntriesByName('devserver:ready').length === 0) performance.mark('devserver:ready');
  },

  /** The page changed what it listens to (the logs page's query, its live tail). */
  relisten() {
    app.close();
    const spec = app.current && app.current.events ? app.current.events() : null;
    if (spec) app.listen(spec);
  },
};

window.addEventListener('hashchange', app.route);
// A page left (closed, reloaded, navigated away or kept in the back/forward cache) ends its stream at once: an open
// stream holds one of the six connections a browser allows per host, and the next page's requests would wait for it.
window.addEventListener('pagehide', () => app.close());
window.addEventListener('pageshow', (event) => { if (event.persisted) app.relisten(); });
app.route();
