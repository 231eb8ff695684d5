import { css } from 'lit';

export const circleStyles = css`
  .circle {
    margin: 0;
  }
  svg {
    display: block;
    width: 100%;
    max-width: 34rem;
    margin: 0 auto;
    touch-action: none;
    user-select: none;
  }
  text {
    pointer-events: none;
    text-anchor: middle;
    dominant-baseline: central;
    fill: var(--_fg);
  }
  .ring {
    fill: none;
    stroke: var(--_border);
    stroke-width: 1.5;
  }
  .ring.target {
    stroke: var(--_accent);
    stroke-width: 4;
  }
  .ringno {
    font-size: 10px;
    fill: var(--_muted);
  }
  .patient {
    fill: var(--_accent);
  }
  .patient-label {
    fill: var(--_accent-fg);
    font-size: 11px;
    font-weight: 600;
  }
  .node circle {
    cursor: grab;
    outline: none;
  }
  .node circle {
    fill: var(--_bg2);
    stroke: var(--_accent);
    stroke-width: 2;
  }
  .node.support circle {
    stroke: var(--_ok);
    stroke-width: 4;
  }
  .node.dispute circle {
    stroke: var(--_danger);
    stroke-width: 3;
    stroke-dasharray: 5 3;
  }
  .node.deceased circle {
    fill: var(--_bg);
    stroke-dasharray: 2 2;
    opacity: 0.8;
  }
  .node.dragging {
    opacity: 0.85;
  }
  .node circle:focus-visible {
    stroke: var(--_accent);
    stroke-width: 5;
  }
  .initials {
    font-weight: 600;
  }
  .name {
    font-size: 11px;
  }
  .more {
    font-size: 12px;
    font-weight: 600;
  }
  figcaption {
    text-align: center;
    font-size: 0.85rem;
  }
  .key {
    white-space: nowrap;
  }
  /* On a narrow screen Closer and Further go under the ring number rather than past the edge. */
  td.ring button {
    margin: 0.15rem 0 0.15rem 0.3rem;
  }
  .key::before {
    content: '';
    display: inline-block;
    width: 0.8em;
    height: 0.8em;
    margin: 0 0.25em 0 0.5em;
    border-radius: 50%;
    border: 2px solid var(--_accent);
  }
  .key.dispute::before {
    border: 2px dashed var(--_danger);
  }
  .key.support::before {
    border: 3px solid var(--_ok);
  }
  .key.deceased::before {
    border: 2px dotted var(--_muted);
  }
  [part='list'] {
    overflow-x: auto;
  }
  tr.dispute td:last-child {
    color: var(--_danger);
  }
  .link {
    border: 0;
    padding: 0;
    min-height: 0;
    text-align: left;
    text-decoration: underline;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(8rem, auto) 1fr;
    gap: 0.2rem 0.75rem;
    margin: 0 0 0.5rem;
  }
  dd {
    margin: 0;
    white-space: pre-wrap;
  }
`;
