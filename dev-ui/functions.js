// The Functions page, after GitLab's Serverless list (function_row.vue): name, description, URL with a copy
// button, runtime and age on the right, plus pods in use and a not-ready badge with the reason.
'use strict';

const functionsPage = {
  title: 'Functions',
  shown: null,
  body: null,

  mount(page) {
    page.append(
      dom.el('h1', {text: 'Functions'}),
      dom.el('p', {class: 'muted', text: 'Knative services of this project, served locally by devserver.'}),
      dom.el('div', {id: 'functions', class: 'list'}),
      dom.el('p', {id: 'functions-error', class: 'error'}));
  },

  async refresh() {
    try {
      functionsPage.render(await dom.api('/devserver/v1/functions'));
    } catch (e) {
      document.getElementById('functions-error').textContent = 'Cannot load functions: ' + e.message;
    }
  },

  /** The event stream sends the whole list whenever it changed. */
  events() {
    return {functions: (functions) => functionsPage.render({functions})};
  },

  tick() {
    if (functionsPage.body) functionsPage.render(functionsPage.body);
  },

  render(body) {
    const list = document.getElementById('functions');
    if (!list) return;
    document.getElementById('functions-error').textContent = '';
    functionsPage.body = body;
    // Re-render only on change (or to age the "time ago"), so rows do not flicker under the pointer.
    const key = JSON.stringify(body) + Math.floor(Date.now() / 30000);
    if (key === functionsPage.shown && list.childNodes.length > 0) return;
    functionsPage.shown = key;
    dom.clear(list);
    if (body.functions.length === 0) list.append(dom.el('p', {class: 'muted', text: 'No functions.'}));
    for (const fn of body.functions) list.append(functionsPage.row(fn));
    app.ready();
  },

  row(fn) {
    const href = '#/functions/' + encodeURIComponent(fn.name);
    const reason = !fn.ready && fn.reason ? dom.el('div', {class: 'reason', text: dom.firstLine(fn.reason)}) : null;
    return dom.el('div', {class: 'function-row', 'data-function': fn.name},
      dom.el('div', {class: 'main'},
        dom.el('div', {class: 'title'},
          dom.el('a', {class: 'fn-name', href, text: fn.name}), ' ', dom.statusBadge(fn),
          ...(fn.missingSecrets || []).map(name => dom.el('span', {class: 'badge pending missing-secret',
            title: 'Create it: devserver secret create ' + name + ' --from-literal KEY=VALUE',
            text: 'missing secret ' + name}))),
        dom.el('div', {class: 'fn-description', text: fn.description || ''}),
        dom.el('div', {class: 'url-line'},
          dom.el('a', {class: 'fn-url', href: fn.url, target: '_blank', rel: 'noopener noreferrer', text: fn.url}),
          dom.copyButton(fn.url)),
        reason),
      dom.el('div', {class: 'side'},
        dom.el('div', {class: 'fn-runtime', text: fn.runtime || ''}),
        dom.el('div', {class: 'fn-age', title: fn.created || '', text: dom.ago(fn.created)}),
        dom.el('div', {class: 'fn-pods', text: fn.containers + (fn.containers === 1 ? ' pod' : ' pods')})));
  },
};
