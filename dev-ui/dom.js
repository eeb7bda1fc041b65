// Small DOM helpers. Everything shown goes through textContent: function output and logs are untrusted,
// so no data ever reaches innerHTML.
'use strict';

const dom = {
  /** el('div', {class: 'x', text: 'y', id: 'z'}, child, ...) */
  el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null) continue;
      if (key === 'text') node.textContent = String(value);
      else if (key === 'class') node.className = value;
      else if (key === 'href') node.setAttribute('href', dom.safeHref(value));
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  },

  /** Only our own hash routes and http(s) URLs become links; anything else (javascript:, data:) is dropped. */
  safeHref(value) {
    const text = String(value);
    return text.startsWith('#/') || /^https?:\/\//i.test(text) ? text : '#/';
  },

  clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  },

  ago(iso) {
    if (!iso) return '';
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (seconds < 60) return seconds + 's ago';
    if (seconds < 3600) return Math.floor(seconds / 60) + 'm ago';
    if (seconds < 86400) return Math.floor(seconds / 3600) + 'h ago';
    return Math.floor(seconds / 86400) + 'd ago';
  },

  /** fetch → JSON; rejects with the API's {"error"} message. */
  async api(path, options) {
    const response = await fetch(path, options);
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : {error: await response.text()};
    if (!response.ok) {
      const error = new Error(body.error || ('HTTP ' + response.status));
      error.status = response.status;
      throw error;
    }
    return body;
  },

  copyButton(text) {
    const button = dom.el('button', {class: 'copy', type: 'button', title: 'Copy URL', text: 'Copy'});
    button.addEventListener('click', async (event) => {
      event.preventDefault();
      event.stopPropagation();
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = 'Copied';
      } catch (e) {
        button.textContent = 'Copy failed';
      }
      setTimeout(() => { button.textContent = 'Copy'; }, 1500);
    });
    return button;
  },

  statusBadge(fn) {
    if (fn.ready) return dom.el('span', {class: 'badge ok', text: 'Ready'});
    const failed = fn.reason && fn.reason.length > 0;
    const label = !failed ? 'Deploying' : fn.reason.startsWith('build failed') ? 'Build failed' : 'Not ready';
    return dom.el('span', {class: 'badge ' + (failed ? 'failed' : 'pending'), title: fn.reason || '', text: label});
  },

  /** Calls fn at most once per ms: at once, then once more after the quiet period if asked again meanwhile. */
  throttle(fn, ms) {
    let last = 0;
    let pending = null;
    return () => {
      const wait = last + ms - Date.now();
      if (wait <= 0) {
        last = Date.now();
        fn();
      } else if (!pending) {
        pending = setTimeout(() => { pending = null; last = Date.now(); fn(); }, wait);
      }
    };
  },

  /** "12 ms", "1.2 s", "" for none. */
  millis(ms) {
    if (ms === null || ms === undefined) return '–';
    return ms < 1000 ? (ms < 10 ? ms.toFixed(1) : Math.round(ms)) + ' ms' : (ms / 1000).toFixed(2) + ' s';
  },

  /** A local time for a bucket start (epoch seconds). */
  clock(seconds, withSeconds) {
    return new Date(seconds * 1000).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit', second: withSeconds ? '2-digit' : undefined});
  },

  firstLine(text) {
    return text ? String(text).split('\n')[0] : '';
  },
};
