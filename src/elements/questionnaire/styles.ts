import { css } from 'lit';

export const questionnaireStyles = css`
  .items {
    display: grid;
    gap: 0.6rem;
  }
  fieldset.item legend {
    font-size: 1rem;
    font-weight: 600;
  }
  .options {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: 0.35rem;
    margin-top: 0.3rem;
  }
  label.option {
    flex-direction: row;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.75rem;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 4px);
    cursor: pointer;
    font-size: 0.95rem;
  }
  label.option:has(input:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }
  label.option input {
    min-height: auto;
    width: 1.25rem;
    height: 1.25rem;
    accent-color: var(--_accent);
    flex: none;
  }
  .total {
    font-size: 1.05rem;
    font-weight: 600;
  }
  .source {
    font-size: 0.8rem;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(0, 1fr);
    gap: 0.25rem 0.75rem;
    margin: 0.25rem 0;
    font-size: 0.9rem;
  }
  dt,
  dd {
    margin: 0;
    padding: 0.25rem 0;
    border-bottom: 1px solid var(--_border);
  }
  dd {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
  }
  /* Patient mode: large targets; one question at a time when the widget is narrow. */
  .patient {
    container-type: inline-size;
    display: grid;
    gap: var(--_space);
  }
  .patient label.option {
    min-height: 3rem;
    font-size: 1.05rem;
  }
  .patient button {
    min-height: 2.75rem;
  }
  progress {
    width: 100%;
    accent-color: var(--_accent);
  }
  .steps {
    display: none;
    gap: 0.5rem;
  }
  @container (max-width: 36rem) {
    .patient .item:not(.current) {
      display: none;
    }
    .patient .options {
      grid-template-columns: 1fr;
    }
    .steps {
      display: flex;
    }
  }
`;
