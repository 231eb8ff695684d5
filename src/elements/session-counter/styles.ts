import { css } from 'lit';

export const counterStyles = css`
  .summary {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
  }
  .summary h2 {
    margin: 0;
  }
  .summary p {
    flex-basis: 100%;
    margin: 0;
  }
  /* The colour of a phase, for the badge, the cells of the track and the keys of the legend. */
  .initial {
    --_p: var(--_phase-initial);
  }
  .middle {
    --_p: var(--_phase-middle);
  }
  .termination {
    --_p: var(--_phase-termination);
  }
  .maintenance {
    --_p: var(--_phase-maintenance);
  }
  .badge {
    border-radius: 999px;
    padding: 0.05rem 0.6rem;
    font-size: 0.85rem;
    font-weight: 600;
    color: #fff;
    background: var(--_p);
  }
  .track ol {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: 10px 3px;
    margin: 0;
    padding: 0;
  }
  .track ol + ol {
    margin-top: 0.7rem;
  }
  .cell {
    width: 1.6rem;
    height: 1.6rem;
    display: grid;
    place-items: center;
    font-size: 0.7rem;
    border-radius: 4px;
    border: 1px solid var(--_border);
    border-top: 4px solid var(--_p);
    color: var(--_muted);
  }
  .done {
    background: var(--_accent);
    color: var(--_accent-fg);
    border-color: var(--_accent);
  }
  .over {
    background: var(--_warn);
    border-color: var(--_warn);
  }
  /* A session at which the protocol asks for a measure: a dot under its cell, and in the legend. */
  .cell.due {
    position: relative;
  }
  .cell.due::after,
  .due-dot {
    content: '';
    width: 5px;
    height: 5px;
    border-radius: 50%;
    background: var(--_fg);
  }
  .cell.due::after {
    position: absolute;
    bottom: -7px;
  }
  .due-dot {
    display: inline-block;
    margin-right: 0.3rem;
    vertical-align: middle;
  }
  /* A missed session: striped in --_c (danger; muted when it was cancelled). */
  .mark {
    --_c: var(--_danger);
    width: 0.45rem;
    height: 1.6rem;
    border-radius: 3px;
    background: repeating-linear-gradient(45deg, var(--_c) 0 3px, transparent 3px 6px);
    border: 1px solid var(--_c);
  }
  .mark.cancelled {
    --_c: var(--_muted);
  }
  /* Where the contract was renegotiated: a bar between the sessions held before and after. */
  .change {
    width: 3px;
    height: 2rem;
    margin: -0.2rem 2px 0;
    border-radius: 2px;
    background: var(--_fg, currentColor);
  }
  /* A question about a session's date, in the form that asked it. */
  .ask {
    flex-basis: 100%;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .ask p {
    margin: 0;
    flex-basis: 100%;
  }
  .key .mark {
    height: 0.9rem;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    font-size: 0.85rem;
    color: var(--_muted);
    margin: 0;
  }
  .key {
    display: flex;
    align-items: center;
    gap: 0.3rem;
  }
  .swatch {
    width: 0.9rem;
    height: 0.35rem;
    border-radius: 2px;
    background: var(--_p);
  }
  meter {
    width: 100%;
    max-width: 20rem;
  }
  .trends {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  figure {
    margin: 0;
  }
  figcaption {
    font-size: 0.9rem;
    margin-bottom: 0.25rem;
  }
  .outcome {
    margin: 0 0 0.25rem;
    font-size: 0.9rem;
  }
  figure > svg {
    width: 100%;
    height: auto;
    display: block;
    border-radius: 4px;
    background: var(--_bg2);
    overflow: visible;
  }
  svg text {
    font-size: 11px;
    fill: var(--_muted);
  }
  .axis {
    stroke: var(--_border);
  }
  /* The severity bands behind a trend: stronger in dark mode, where a faint tint vanishes. */
  .minimal,
  .below-threshold {
    fill: light-dark(rgb(46 157 91 / 0.16), rgb(74 190 120 / 0.3));
  }
  .mild {
    fill: light-dark(rgb(185 178 31 / 0.18), rgb(214 206 70 / 0.3));
  }
  .moderate,
  .possible-depression {
    fill: light-dark(rgb(224 138 30 / 0.2), rgb(240 160 60 / 0.32));
  }
  .moderately-severe {
    fill: light-dark(rgb(216 85 43 / 0.22), rgb(236 110 70 / 0.34));
  }
  .severe,
  .probable-depression {
    fill: light-dark(rgb(192 38 45 / 0.24), rgb(236 80 88 / 0.36));
  }
  svg .band-name {
    fill: var(--_fg);
    opacity: 0.75;
  }
  .line {
    stroke: var(--_accent);
    stroke-width: 2;
  }
  .dot {
    fill: var(--_accent);
  }
  .mark {
    fill: none;
    stroke: var(--_ok);
    stroke-width: 2;
  }
  .mark.remission {
    stroke-dasharray: 3 2;
  }
  .point {
    outline: none;
  }
  .point:focus-visible .dot,
  .point:hover .dot {
    stroke: var(--_fg);
    stroke-width: 3;
  }
  /* A point names its score and date on hover and focus, over a halo of the chart's background. */
  svg .tip {
    display: none;
    font-size: 12px;
    font-weight: 600;
    fill: var(--_fg);
    stroke: var(--_bg2);
    stroke-width: 4px;
    paint-order: stroke;
  }
  .point:is(:hover, :focus) .tip {
    display: block;
  }
  .marks {
    display: flex;
    gap: var(--_space);
    margin: 0.25rem 0 0;
    font-size: 0.85rem;
  }
  .marks span {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
  }
  .trend-table table {
    margin-top: 0.25rem;
  }
  .trend-table caption {
    text-align: start;
    font-weight: 600;
  }
  .measures-taken .row {
    margin-top: 0.25rem;
  }
  button.link {
    align-self: end;
  }
  tr.cancelled,
  tr.no-show {
    color: var(--_muted);
  }
  .sessions {
    overflow-x: auto;
  }
  ol li {
    margin: 0.15rem 0;
  }
`;
