import { css } from 'lit';

/**
 * The design tokens every element reads. A host themes the widgets by setting `--ipt-*` custom
 * properties. The defaults follow `prefers-color-scheme` through CSS light-dark(); `theme="dark"`
 * or `theme="light"` on an element (or on ipt-course) overrides the system choice.
 */
export const tokens = css`
  :host {
    color-scheme: light dark;
    --_fg: var(--ipt-color-text, light-dark(#1c2330, #e7ebf2));
    --_muted: var(--ipt-color-muted, light-dark(#4f5b6d, #a9b3c3));
    --_bg: var(--ipt-color-surface, light-dark(#ffffff, #161b23));
    --_bg2: var(--ipt-color-surface-alt, light-dark(#f3f5f8, #212834));
    --_border: var(--ipt-color-border, light-dark(#c9d0da, #3a4453));
    --_accent: var(--ipt-color-accent, light-dark(#1f5fa8, #7fb0f0));
    --_accent-fg: var(--ipt-color-accent-text, light-dark(#ffffff, #0c1320));
    --_ok: var(--ipt-color-ok, light-dark(#1d6b3a, #7fd49b));
    --_warn: var(--ipt-color-warning, light-dark(#8a5300, #f2c066));
    --_warn-bg: var(--ipt-color-warning-surface, light-dark(#fff4dc, #3a2c0e));
    --_danger: var(--ipt-color-danger, light-dark(#a3242b, #ff9a9f));
    --_danger-bg: var(--ipt-color-danger-surface, light-dark(#fdeaea, #3d1a1d));
    --_phase-initial: var(--ipt-color-phase-initial, #3d6299);
    --_phase-middle: var(--ipt-color-phase-middle, #2c6e5d);
    --_phase-termination: var(--ipt-color-phase-termination, #7b4c98);
    --_phase-maintenance: var(--ipt-color-phase-maintenance, #5f6570);
    --_radius: var(--ipt-radius, 8px);
    --_space: var(--ipt-space, 0.75rem);
    --_font: var(--ipt-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    display: block;
    box-sizing: border-box;
    color: var(--_fg);
    background: var(--_bg);
    font-family: var(--_font);
    font-size: var(--ipt-font-size, 1rem);
    line-height: 1.45;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  /* A widget waiting for a course that another widget of the page offers to start: it takes no room. */
  :host(:state(waiting)) {
    display: none;
  }
`;

/** The component CSS every widget shares: headings, controls, forms, alerts, tables, Undo. The base element owns it. */
export const shared = css`
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h2,
  h3 {
    margin: 0 0 0.5rem;
    line-height: 1.25;
  }
  h2 {
    font-size: 1.15rem;
  }
  h3 {
    font-size: 1rem;
  }
  p {
    margin: 0.25rem 0;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_accent);
    background: var(--_bg);
    color: var(--_accent);
    border-radius: calc(var(--_radius) - 2px);
    padding: 0.3rem 0.75rem;
    min-height: 2.25rem;
    min-width: 2.25rem;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_accent-fg);
  }
  button.danger {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  input,
  select,
  textarea {
    background: var(--_bg);
    border: 1px solid var(--_muted);
    border-radius: calc(var(--_radius) - 4px);
    padding: 0.3rem 0.5rem;
    min-height: 2.25rem;
    max-width: 100%;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 0.15rem;
    font-size: 0.9rem;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    margin: 0;
    padding: 0.5rem;
  }
  legend {
    font-size: 0.9rem;
    padding: 0 0.25rem;
  }
  .muted {
    color: var(--_muted);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: flex-end;
  }
  .alert {
    border-radius: calc(var(--_radius) - 2px);
    padding: 0.5rem 0.75rem;
    margin: 0.5rem 0;
    border-left: 4px solid var(--_warn);
    background: var(--_warn-bg);
  }
  .alert.danger {
    border-left-color: var(--_danger);
    background: var(--_danger-bg);
  }
  /* The safety alerts (controllers/risks.ts), in the counter and the questionnaire. */
  .risk ul,
  [data-sync-conflict] ul {
    margin: 0.3rem 0 0;
    padding-left: 1.1rem;
  }
  [data-sync-conflict] .line {
    flex-basis: 100%;
  }
  .risk li,
  [data-sync-conflict] li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin: 0.2rem 0;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }
  section[part='base'] {
    display: grid;
    gap: var(--_space);
  }
  .card {
    border-top: 1px solid var(--_border);
    padding-top: var(--_space);
  }
  .warn {
    color: var(--_warn);
  }
  details > summary {
    cursor: pointer;
    padding: 0.3rem 0.4rem;
    border-radius: calc(var(--_radius) - 2px);
  }
  /* A details element clips what is drawn outside its summary: the ring goes inside it. */
  details > summary:focus-visible {
    outline-offset: -3px;
  }
  details > summary h3 {
    display: inline;
  }
  /*
   * A table wider than its room scrolls sideways instead of being cut; in a narrow widget (a phone)
   * each row stacks as a card, each cell under the other with its column's name (data-label).
   */
  .scroll {
    overflow-x: auto;
    container-type: inline-size;
  }
  @container (max-width: 36rem) {
    .scroll thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .scroll :is(table, tbody, tr, td) {
      display: block;
    }
    .scroll tr {
      padding: 0.4rem 0;
      border-bottom: 1px solid var(--_border);
    }
    .scroll td {
      border: 0;
      padding: 0.15rem 0;
    }
    .scroll td:empty {
      display: none;
    }
    .scroll td[data-label]::before {
      content: attr(data-label) ': ';
      color: var(--_muted);
    }
    .scroll td.actions {
      display: flex;
    }
    .scroll td:first-child {
      font-weight: 600;
    }
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.9rem;
    margin-top: 0.5rem;
  }
  th,
  td {
    text-align: left;
    padding: 0.3rem 0.4rem;
    border-bottom: 1px solid var(--_border);
    vertical-align: middle;
  }
  td.actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
    align-items: center;
  }
  label.check {
    flex-direction: row;
    align-items: center;
    gap: 0.4rem;
    min-height: 2.25rem;
  }
  .wide {
    flex-basis: 100%;
  }
  /* A field whose value was refused, and what is wrong with it, beneath it. */
  [aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }
  .field-problem {
    color: var(--_danger);
    font-size: 0.9rem;
    font-weight: 600;
  }
  textarea {
    width: 100%;
    resize: vertical;
  }
  .undo {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;
