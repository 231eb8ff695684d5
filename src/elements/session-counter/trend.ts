import { html, svg, nothing } from 'lit';
import { SEVERITY_BANDS, REMISSION_BELOW, measureSeries, outcomeOf, seriesRange, severityOf, type Outcome } from '../../model/measures.js';
import type { Instrument, Measure } from '../../model/schemas.js';
import type { Messages } from '../../i18n/index.js';
import { measureName } from './measure-fields.js';

/** The chart's height, and its margins: room for the score axis on the left and the dates below. */
const H = 200;
const M = { left: 30, right: 10, top: 10, bottom: 24 };
/** Room for the band names beside the chart: about 6 px a character at 11 px. */
const NAME_PX = 6;
/** The narrowest the chart is drawn: below it, it is scaled down. */
const MIN_W = 260;

/** Moves focus between a chart's points with the arrow keys, Home and End: the chart is one Tab stop. */
function rove(e: KeyboardEvent) {
  const points = [...(e.currentTarget as SVGElement).querySelectorAll<SVGGElement>('.point')];
  const at = points.indexOf(e.target as SVGGElement);
  const step = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1 }[e.key];
  const to = e.key === 'Home' ? 0 : e.key === 'End' ? points.length - 1 : step === undefined || at < 0 ? -1 : Math.min(points.length - 1, Math.max(0, at + step));
  if (to < 0) return;
  e.preventDefault();
  for (const [i, p] of points.entries()) p.setAttribute('tabindex', i === to ? '0' : '-1');
  points[to]!.focus();
}

/**
 * One instrument's scores on a time axis, drawn `width` px wide: the score axis with the severity
 * bands named behind, the dates, each point naming its score and date on hover and focus (one Tab
 * stop, arrows between points), response and remission marked and said in words; the scores as a
 * table for whoever prefers one (and for screen readers).
 */
export function renderTrend(measures: readonly Measure[], instrument: Instrument, msg: Messages, date: (iso: string) => string, width: number) {
  const series = measureSeries(measures, instrument);
  const last = series.at(-1);
  if (!last) return nothing;
  const m = msg.counter;
  const W = Math.max(MIN_W, width);
  const [lo, hi] = seriesRange(series);
  const bands = SEVERITY_BANDS[instrument] ?? [];
  const days = series.map((x) => Date.parse(`${x.date}T00:00:00Z`));
  const [t0, t1] = [days[0]!, days.at(-1)!];
  // The band names stand right of the plot, where no point lies (the latest is at its right edge).
  const right = M.right + (bands.length ? Math.max(...bands.map((b) => msg.severity[b.severity].length)) * NAME_PX + 8 : 0);
  const x = (i: number) => (t1 === t0 ? (M.left + W - right) / 2 : M.left + 6 + ((days[i]! - t0) / (t1 - t0)) * (W - M.left - right - 12));
  const y = (score: number) => M.top + (1 - (score - lo) / (hi - lo || 1)) * (H - M.top - M.bottom);
  const name = measureName(last, msg);
  const band = (score: number) => {
    const s = severityOf(instrument, score);
    return s ? msg.severity[s] : '';
  };
  const outcomes = series.map((_, i) => outcomeOf(series, i));
  const marks = (o: Outcome) => [o.response ? m.response : '', o.remission ? m.remission : ''].filter(Boolean).join(', ');
  const ticks = bands.length ? [...bands.map((b) => b.min), hi] : [lo, Math.round((lo + hi) / 2), hi];
  const first = series[0]!;
  const now = outcomes.at(-1)!;
  const said =
    now.change !== undefined
      ? m.outcome(now.change, first.score, date(first.date), now.response, now.remission ? REMISSION_BELOW[instrument] : undefined)
      : now.remission
        ? m.remissionOnly(REMISSION_BELOW[instrument]!)
        : '';
  const responded = outcomes.some((o) => o.response);
  const remitted = outcomes.some((o) => o.remission);
  return html`<figure class="trend" part="trend">
    <figcaption>${m.latest(name, last.score, band(last.score), date(last.date))}</figcaption>
    ${said ? html`<p class="outcome">${said}</p>` : nothing}
    <svg viewBox="0 0 ${W} ${H}" width=${W} height=${H} role="group" aria-label=${m.trend(name)} @keydown=${rove}>
      ${bands.map((b) => {
        const top = y(Math.min(hi, b.max + 0.5));
        const bottom = y(Math.max(lo, b.min - 0.5));
        return svg`<rect class="band ${b.severity}" x=${M.left} width=${W - M.left - right} y=${top} height=${bottom - top}></rect>
          ${bottom - top >= 11 ? svg`<text class="band-name" x=${W - right + 6} y=${(top + bottom) / 2} dominant-baseline="central">${msg.severity[b.severity]}</text>` : nothing}`;
      })}
      ${ticks.map((t) => svg`<text class="tick" x=${M.left - 5} y=${y(t)} dominant-baseline="central" text-anchor="end">${t}</text>`)}
      <line class="axis" x1=${M.left} x2=${M.left} y1=${M.top} y2=${H - M.bottom}></line>
      <line class="axis" x1=${M.left} x2=${W - right} y1=${H - M.bottom} y2=${H - M.bottom}></line>
      ${series.map((_, i) => svg`<line class="axis" x1=${x(i)} x2=${x(i)} y1=${H - M.bottom} y2=${H - M.bottom + 4}></line>`)}
      <text class="tick" x=${t1 === t0 ? x(0) : M.left} y=${H - 6} text-anchor=${t1 === t0 ? 'middle' : 'start'}>${date(first.date)}</text>
      ${t1 === t0 ? nothing : svg`<text class="tick" x=${W - right} y=${H - 6} text-anchor="end">${date(last.date)}</text>`}
      <polyline class="line" fill="none" points=${series.map((s, i) => `${x(i)},${y(s.score)}`).join(' ')}></polyline>
      ${series.map((s, i) => {
        const o = outcomes[i]!;
        const text = m.point(s.score, band(s.score), date(s.date), marks(o));
        const px = x(i);
        return svg`<g class="point" tabindex=${i === series.length - 1 ? 0 : -1} role="img" aria-label=${text}>
          ${o.remission ? svg`<circle class="mark remission" cx=${px} cy=${y(s.score)} r="10.5"></circle>` : nothing}
          ${o.response ? svg`<circle class="mark response" cx=${px} cy=${y(s.score)} r="7.5"></circle>` : nothing}
          <circle class="dot" cx=${px} cy=${y(s.score)} r="4.5"></circle>
          <text class="tip" x=${px} y=${Math.max(14, y(s.score) - 14)} text-anchor=${px < W / 3 ? 'start' : px > (2 * W) / 3 ? 'end' : 'middle'}>${text}</text>
        </g>`;
      })}
    </svg>
    ${responded || remitted
      ? html`<p class="marks" aria-hidden="true">
          ${responded ? html`<span><svg viewBox="0 0 24 24" width="16" height="16"><circle class="mark response" cx="12" cy="12" r="7.5"></circle><circle class="dot" cx="12" cy="12" r="4.5"></circle></svg>${m.response}</span>` : nothing}
          ${remitted ? html`<span><svg viewBox="0 0 24 24" width="16" height="16"><circle class="mark remission" cx="12" cy="12" r="10.5"></circle><circle class="dot" cx="12" cy="12" r="4.5"></circle></svg>${m.remission}</span>` : nothing}
        </p>`
      : nothing}
    <details class="trend-table">
      <summary>${m.asTable}</summary>
      <table>
        <caption>${name}</caption>
        <thead>
          <tr><th scope="col">${m.colDate}</th><th scope="col">${m.colScore}</th>${bands.length ? html`<th scope="col">${m.colBand}</th>` : nothing}<th scope="col">${m.colChange}</th></tr>
        </thead>
        <tbody>
          ${series.map((s, i) => {
            const o = outcomes[i]!;
            return html`<tr>
              <td>${date(s.date)}</td>
              <td>${s.score}</td>
              ${bands.length ? html`<td>${band(s.score)}</td>` : nothing}
              <td>${[o.change === undefined ? '–' : `${o.change > 0 ? '+' : ''}${o.change}%`, marks(o)].filter(Boolean).join(' · ')}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </details>
  </figure>`;
}
