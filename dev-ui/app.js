// Hash routes (#/, #/functions/<name>, #/logs) and the 2-second refresh of whatever page is shown.
'use strict';

const app = {
  timer: null,
  current: null,

  route() {
    const hash = location.hash.split('?')[0] || '#/';
    if (app.current && app.current.unmount) app.current.unmount();
    clearInterval(app.timer);
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
    if (current.refresh) {
      current.refresh();
      app.timer = setInterval(app.poll, 2000);
    }
  },

  async poll() {
    const connection = document.getElementById('connection');
    try {
      await app.current.refresh();
      connection.textContent = '';
    } catch (e) {
      connection.textContent = 'devserver is not answering';
    }
  },
};

window.addEventListener('hashchange', app.route);
app.route();
