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
  /* Sizes come from font-size attributes (labels.ts: legible at the drawing's width on screen). */
  .ringno {
    fill: var(--_muted);
    text-anchor: start;
  }
  .patient {
    fill: var(--_accent);
  }
  .patient-label {
    fill: var(--_accent-fg);
    font-weight: 600;
  }
  .node .person {
    cursor: grab;
    outline: none;
    fill: var(--_bg2);
    stroke: var(--_accent);
    stroke-width: 2;
  }
  .node.support .person {
    stroke: var(--_ok);
    stroke-width: 4;
  }
  .node.dispute .person {
    stroke: var(--_danger);
    stroke-width: 3;
    stroke-dasharray: 5 3;
  }
  .node.deceased .person {
    fill: var(--_bg);
    stroke-dasharray: 2 2;
    opacity: 0.8;
  }
  .node.dragging {
    opacity: 0.85;
  }
  /* Focus is a ring of its own outside the node: the node keeps its colour and its dashes. */
  .focus {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 3;
    pointer-events: none;
    visibility: hidden;
  }
  .node:has(.person:focus-visible) .focus {
    visibility: visible;
  }
  .conflict {
    fill: var(--_warn);
    stroke: var(--_bg);
    stroke-width: 1;
    pointer-events: none;
  }
  .initials {
    font-weight: 600;
  }
  /* A halo of the background keeps a name legible where it crosses a ring's line. */
  .name {
    paint-order: stroke;
    stroke: var(--_bg);
    stroke-width: 3px;
    stroke-linejoin: round;
  }
  .more {
    font-weight: 600;
    text-anchor: end;
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
  .key.conflict::before {
    border: 0;
    border-radius: 0;
    background: var(--_warn);
    clip-path: polygon(50% 0, 100% 100%, 0 100%);
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
