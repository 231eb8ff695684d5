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
    gap: 3px;
    margin: 0;
    padding: 0;
  }
  .track ol + ol {
    margin-top: 0.4rem;
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
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: var(--_space);
  }
  figure {
    margin: 0;
  }
  figcaption {
    font-size: 0.9rem;
    margin-bottom: 0.25rem;
  }
  svg {
    width: 100%;
    height: auto;
    display: block;
    border-radius: 4px;
    background: var(--_bg2);
  }
  /* The severity bands behind a trend. */
  .minimal,
  .below-threshold {
    fill: #2e9d5b;
    opacity: 0.16;
  }
  .mild {
    fill: #b9b21f;
    opacity: 0.18;
  }
  .moderate,
  .possible-depression {
    fill: #e08a1e;
    opacity: 0.2;
  }
  .moderately-severe {
    fill: #d8552b;
    opacity: 0.22;
  }
  .severe,
  .probable-depression {
    fill: #c0262d;
    opacity: 0.24;
  }
  .line {
    stroke: var(--_accent);
    stroke-width: 2;
    vector-effect: non-scaling-stroke;
  }
  .dot {
    fill: var(--_accent);
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
