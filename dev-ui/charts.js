// Time charts on the packaged uPlot: one shared look, bars for counts, lines for levels, a width that follows the
// page (1280×800 and narrow windows alike). Each chart box is a labelled image for screen readers; the numbers are
// in a table beside it.
'use strict';

const charts = {
  colors: {invocations: '#6666c4', pods: '#108548', cold: '#dd2b0e', p50: '#1f75cb', p95: '#ab6100', errors: '#dd2b0e'},

  /** series: [{label, color, scale, bars, points}], axes: [{scale, label, side}]; onSelect(fromSeconds, toSeconds). */
  time(box, {series, axes, height, onSelect}) {
    if (typeof uPlot === 'undefined') return null;
    const width = () => Math.max(260, box.clientWidth || 600);
    // x values are bucket starts: half a bucket either side keeps the first and last bars whole.
    const pad = (u) => u.data[0].length > 1 ? (u.data[0][1] - u.data[0][0]) / 2 : 30;
    const scales = {x: {time: true, range: (u, min, max) => [min - pad(u), max + pad(u)]}};
    for (const axis of axes) scales[axis.scale] = {range: (u, min, max) => [0, Math.max(axis.min || 1, max || 0)]};
    const options = {
      width: width(), height: height || 200,
      legend: {live: true},
      cursor: {drag: {x: !!onSelect, y: false, setScale: false}},
      scales,
      series: [{}, ...series.map(s => ({
        label: s.label, scale: s.scale, stroke: s.color, width: s.points ? 0 : 2,
        fill: s.bars ? s.color + '55' : undefined,
        paths: s.bars && uPlot.paths.bars ? uPlot.paths.bars({size: [0.8, 40]}) : s.points ? () => null : undefined,
        points: s.points ? {show: true, size: 11, fill: s.color, stroke: '#fff', width: 2} : {show: false},
        spanGaps: false,
      }))],
      axes: [{}, ...axes.map(a => ({scale: a.scale, label: a.label, side: a.side || 3, grid: {show: !a.side},
        size: 50, incrs: a.integer ? [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 100000] : undefined}))],
      hooks: {setSelect: [u => {
        if (!onSelect || u.select.width < 3) return;
        const from = u.posToVal(u.select.left, 'x');
        const to = u.posToVal(u.select.left + u.select.width, 'x');
        u.setSelect({left: 0, top: 0, width: 0, height: 0}, false);
        onSelect(from, to);
      }]},
    };
    const empty = [[], ...series.map(() => [])];
    const chart = new uPlot(options, empty, box);
    if (typeof ResizeObserver !== 'undefined') {
      new ResizeObserver(() => chart.setSize({width: width(), height: options.height})).observe(box);
    }
    return chart;
  },

  /** A table of the same numbers (hidden behind a <details>), for keyboards, screen readers and checking. */
  table(table, headings, rows) {
    dom.clear(table);
    table.append(dom.el('thead', {}, dom.el('tr', {}, ...headings.map(h => dom.el('th', {scope: 'col', text: h})))),
      dom.el('tbody', {}, ...rows.map(cells => dom.el('tr', {}, ...cells.map(c => dom.el('td', {text: c ?? '–'}))))));
  },
};
