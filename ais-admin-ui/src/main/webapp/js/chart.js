// A small live line chart (SVG) of the last N samples of two series (GET and PUT).
import { h } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
const POINTS = 60;

export class LiveChart {
  constructor(title, unit) {
    this.unit = unit;
    this.series = { get: [], put: [] };
    this.svg = document.createElementNS(NS, 'svg');
    this.svg.setAttribute('viewBox', `0 0 ${POINTS} 100`);
    this.svg.setAttribute('preserveAspectRatio', 'none');
    this.svg.setAttribute('role', 'img');
    this.svg.setAttribute('aria-label', title);
    this.lines = {};
    for (const [k, color] of [['get', '#0b5cad'], ['put', '#c2410c']]) {
      const p = document.createElementNS(NS, 'polyline');
      p.setAttribute('fill', 'none');
      p.setAttribute('stroke', color);
      p.setAttribute('stroke-width', '1.5');
      p.setAttribute('vector-effect', 'non-scaling-stroke');
      this.svg.append(p);
      this.lines[k] = p;
    }
    this.now = { get: h('span', { class: 'get' }), put: h('span', { class: 'put' }) };
    this.el = h('div', { class: 'chart card' }, h('h2', {}, title), this.svg,
      h('div', { class: 'legend' }, this.now.get, this.now.put));
    this.push(0, 0);
  }

  push(get, put) {
    for (const [k, v] of [['get', get], ['put', put]]) {
      const s = this.series[k];
      s.push(v);
      if (s.length > POINTS) s.shift();
    }
    const max = Math.max(1e-9, ...this.series.get, ...this.series.put) * 1.1;
    for (const k of ['get', 'put']) {
      const s = this.series[k];
      const off = POINTS - s.length;
      this.lines[k].setAttribute('points', s.map((v, i) => `${off + i},${100 - (v / max) * 100}`).join(' '));
      this.now[k].textContent = `${k.toUpperCase()} ${s[s.length - 1].toFixed(1)} ${this.unit}`;
    }
  }
}
