import { css } from 'lit';

export const formulationStyles = css`
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0;
    padding: 0.4rem 0.6rem;
    flex: 1 1 100%;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  ul {
    margin: 0.25rem 0;
    padding-inline-start: 1.2rem;
  }
  .formulation-text {
    white-space: pre-wrap;
  }
  dl {
    margin: 0.25rem 0;
  }
  dt {
    font-weight: 600;
    font-size: 0.9rem;
  }
  dd {
    margin: 0 0 0.3rem;
    white-space: pre-wrap;
  }
`;
