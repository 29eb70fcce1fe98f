// duikou's little JavaScript: the year selector submits on change, the
// print button prints, and the dashboard's charts are drawn with ECharts
// from the JSON the server put in <script type="application/json">.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  for (const sel of document.querySelectorAll('select[data-autosubmit]'))
    sel.addEventListener('change', () => sel.form.submit());
  for (const b of document.querySelectorAll('[data-print]'))
    b.addEventListener('click', () => window.print());
  // sizes given as data (the Content-Security-Policy allows no style attributes)
  for (const el of document.querySelectorAll('[data-width]')) el.style.width = el.dataset.width;
  for (const el of document.querySelectorAll('[data-left]')) el.style.left = el.dataset.left;
  const data = document.getElementById('dash-data');
  if (data && window.echarts) drawDashboard(JSON.parse(data.textContent));
});

const wan = (yuan) => Math.round(yuan / 100) / 100; // yuan to 万元, for the axis only

function bars(el, items, d, horizontal) {
  const names = items.map((x) => x.name);
  const values = items.map((x) => ({ value: wan(x.value), label: x.label }));
  const cat = { type: 'category', data: names, axisLabel: { interval: 0, rotate: horizontal ? 0 : 30 } };
  // horizontal bars: the unit under the axis, where it is not cut off
  const val = horizontal
    ? { type: 'value', name: d.labels.unit, nameLocation: 'middle', nameGap: 24 }
    : { type: 'value', name: d.labels.unit };
  return {
    tooltip: { trigger: 'axis', formatter: (p) => `${p[0].name}: ${p[0].data.label}` },
    grid: { left: horizontal ? 90 : 60, right: 24, top: horizontal ? 20 : 36, bottom: horizontal ? 44 : 60 },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? { ...cat, inverse: true } : val,
    series: [{ type: 'bar', data: values, itemStyle: { color: '#2f5d9e' } }],
  };
}

function drawDashboard(d) {
  const options = {
    'chart-years': () => {
      const o = bars(null, d.by_year, d, false);
      o.series[0].itemStyle = { color: (p) => (p.name === String(d.year) ? '#b3261e' : '#2f5d9e') };
      return o;
    },
    'chart-county': () => bars(null, d.by_county, d, true),
    'chart-supporter': () => bars(null, d.by_supporter, d, true),
    'chart-status': () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0 },
      series: [{
        type: 'pie', center: ['50%', '44%'], radius: ['30%', '58%'], data: d.status,
        label: { formatter: '{b} {c}' },
      }],
    }),
    'chart-plan': () => {
      const p = d.plan;
      if (!p.counties.length)
        return { title: { text: d.labels.no_plan, left: 'center', top: 'middle', textStyle: { fontSize: 14 } } };
      const series = (name, items, color) => ({
        name, type: 'bar', itemStyle: { color },
        data: items.map((x) => ({ value: wan(x.value), label: x.label })),
      });
      return {
        tooltip: {
          trigger: 'axis',
          formatter: (ps) => [ps[0].name].concat(ps.map((s) => `${s.seriesName}: ${s.data.label}`)).join('<br>'),
        },
        legend: { top: 0 },
        grid: { left: 60, right: 20, top: 40, bottom: 60 },
        xAxis: { type: 'category', data: p.counties, axisLabel: { interval: 0, rotate: 30 } },
        yAxis: { type: 'value', name: d.labels.unit },
        series: [series(d.labels.target, p.target, '#9fb3d1'), series(d.labels.actual, p.actual, '#2f5d9e')],
      };
    },
  };
  const charts = [];
  for (const el of document.querySelectorAll('[data-chart]')) {
    const make = options[el.dataset.chart];
    if (!make) continue;
    // no animation: the chart is complete as soon as the page is
    const chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({ animation: false, textStyle: { fontFamily: getComputedStyle(document.body).fontFamily }, ...make() });
    charts.push(chart);
  }
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
  document.body.dataset.chartsReady = String(charts.length);
}
