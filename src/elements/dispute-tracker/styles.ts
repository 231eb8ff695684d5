import { css } from 'lit';

export const disputeStyles = css`
  .stages {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    list-style: none;
    margin: 0 0 0.5rem;
    padding: 0;
  }
  .stages li {
    flex: 1 1 7rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.3rem 0.5rem;
  }
  .stages [aria-current] {
    flex: 3 1 14rem;
    border: 2px solid var(--_accent);
  }
  .stages li:has(button) {
    border: 0;
    padding: 0;
  }
  .stages button {
    width: 100%;
    height: 100%;
  }
  dd {
    margin: 0 0 0.3rem;
  }
  dt {
    font-weight: 600;
    font-size: 0.9rem;
  }
`;
