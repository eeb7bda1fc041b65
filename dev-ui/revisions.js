// Revisions as a timeline (created → replaced or now) with the share of traffic each gets; one bar split by
// Knative's status.traffic when a service splits it.
'use strict';

const revisionsView = {
  draw(fn) {
    const traffic = fn.traffic || [];
    const bar = dom.clear(document.getElementById('traffic'));
    bar.setAttribute('aria-label', 'Traffic: ' + (traffic.map(t => t.revision + ' ' + t.percent + '%').join(', ') || 'none'));
    traffic.forEach((t, i) => {
      const part = dom.el('div', {class: 'share share' + (i % 4), 'data-revision': t.revision, title: t.revision + ': ' + t.percent + '%'},
        dom.el('span', {text: (t.tag ? t.tag + ' · ' : '') + t.revision + ' ' + t.percent + '%'}));
      part.style.width = t.percent + '%'; // CSSOM, allowed by the strict CSP (a style attribute would not be)
      bar.append(part);
    });
    if (traffic.length === 0) bar.append(dom.el('span', {class: 'muted', text: 'No revision receives traffic yet.'}));
    const revisions = fn.revisions.slice().sort((a, b) => Date.parse(a.created) - Date.parse(b.created));
    const start = revisions.length ? Date.parse(revisions[0].created) : Date.now();
    const span = Math.max(1, Date.now() - start);
    const list = dom.clear(document.getElementById('revision-timeline'));
    revisions.slice().reverse().forEach(r => {
      const index = revisions.indexOf(r);
      const from = Date.parse(r.created);
      const to = r.percent > 0 || index === revisions.length - 1 ? Date.now() : Date.parse(revisions[index + 1].created);
      const life = dom.el('div', {class: 'life' + (r.percent > 0 ? ' serving' : '')});
      life.style.marginLeft = (100 * (from - start) / span).toFixed(2) + '%';
      life.style.width = Math.max(0.5, 100 * (to - from) / span).toFixed(2) + '%';
      const state = r.ready ? dom.el('span', {class: 'badge ok', text: 'Ready'})
        : dom.el('span', {class: 'badge ' + (r.failure ? 'failed' : 'pending'), text: r.failure ? 'Not ready' : 'Deploying'});
      list.append(dom.el('li', {class: 'revision', 'data-revision': r.name},
        dom.el('div', {class: 'revision-head'},
          dom.el('span', {class: 'revision-name', text: r.name}), state,
          dom.el('span', {class: 'revision-traffic', text: r.percent + '% traffic'}),
          dom.el('span', {class: 'muted', text: r.containers + (r.containers === 1 ? ' pod' : ' pods') + ' · created ' + dom.ago(r.created)})),
        dom.el('div', {class: 'track'}, life),
        r.failure ? dom.el('pre', {class: 'reason', text: r.failure}) : null));
    });
  },
};
