import { html, svg, nothing } from 'lit';
import { SEVERITY_BANDS, instrumentRange, measureSeries, severityOf } from '../../model/measures.js';
import type { Instrument, Measure } from '../../model/schemas.js';
import type { Messages } from '../../i18n/index.js';

const W = 300;
const H = 90;
const PAD = 6;

/**
 * A small SVG trend of one instrument's scores with its severity bands behind, and the latest
 * score with its band in words. The SVG is an image with a text alternative that lists the scores.
 */
export function renderTrend(measures: readonly Measure[], instrument: Instrument, msg: Messages, date: (iso: string) => string) {
  const series = measureSeries(measures, instrument);
  const last = series.at(-1);
  if (!last) return nothing;
  const [lo, hiRange] = instrumentRange(instrument);
  const hi = instrument === 'other' ? Math.max(1, ...series.map((m) => m.score)) : hiRange;
  const y = (score: number) => H - PAD - ((score - lo) / (hi - lo)) * (H - 2 * PAD);
  const x = (i: number) => (series.length === 1 ? W / 2 : PAD + (i / (series.length - 1)) * (W - 2 * PAD));
  const name = instrument === 'other' ? (last.label ?? msg.counter.instrument) : instrument;
  /** The severity band of a score in words, or '' when the instrument has none. */
  const band = (score: number) => {
    const s = severityOf(instrument, score);
    return s ? msg.severity[s] : '';
  };
  const points = series.map((m) => `${m.score}${band(m.score) && ` ${band(m.score)}`} (${date(m.date)})`);
  const bands = SEVERITY_BANDS[instrument] ?? [];
  return html`<figure class="trend" part="trend">
    <figcaption>${msg.counter.latest(name, last.score, band(last.score), date(last.date))}</figcaption>
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${msg.counter.trend(name, points.join(', '))}>
      ${bands.map((b) => {
        const top = y(Math.min(hi, b.max + 0.5));
        return svg`<rect class="band ${b.severity}" x="0" width=${W} y=${top} height=${y(Math.max(lo, b.min - 0.5)) - top}></rect>`;
      })}
      <polyline class="line" fill="none" points=${series.map((m, i) => `${x(i)},${y(m.score)}`).join(' ')}></polyline>
      ${series.map((m, i) => svg`<circle class="dot" cx=${x(i)} cy=${y(m.score)} r="3.5"></circle>`)}
    </svg>
  </figure>`;
}
