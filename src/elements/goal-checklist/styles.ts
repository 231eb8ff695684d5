import { css } from 'lit';

export const goalStyles = css`
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li {
    padding: 0.4rem 0;
  }
  li + li {
    border-top: 1px solid var(--_border);
  }
  li .check {
    font-size: 1rem;
  }
  li p {
    font-size: 0.85rem;
  }
  /* The grip stays beside its goal, however long the goal and however narrow the widget. */
  .head {
    flex-wrap: nowrap;
    align-items: center;
  }
  .head .check {
    flex: 1;
    min-width: 0;
  }
  .grip {
    cursor: grab;
    touch-action: none;
    user-select: none;
    padding: 0.5rem 0.2rem;
  }
  progress {
    width: 100%;
    accent-color: var(--_accent);
  }
  [aria-disabled='true'] {
    opacity: 0.55;
  }
`;
