import { html, nothing } from 'lit';
import { MAX_PLANNED_SESSIONS } from '../model/schemas.js';
import { parseTypedDate, typedDate, type DateOrder } from '../model/dates.js';
import type { DateInput } from '../i18n/index.js';

/** A choice of a select: the stored value and its label. */
export type Option = readonly [value: string, label: string];

/**
 * One form field, described as data so that every widget's forms render (and cost bytes) once.
 * Text fields carry no `maxlength`: the browser would cut a longer paste without a word, whereas
 * the model refuses it on save with a message and the text stays in the field.
 * Values are read back with formValues(): a checkbox gives 'on' when checked, nothing otherwise.
 */
export interface Field {
  name: string;
  label: string;
  type?: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'checkbox';
  required?: boolean;
  min?: number | string;
  max?: number | string;
  options?: readonly Option[];
  /** A short note after the label, such as "(optional)" or the range. */
  hint?: string;
}

/** The contract the start form of a course offers (IPT.md: 12-16 weekly sessions). */
export const DEFAULT_PLANNED = 16;

/** A required whole number from `min` (default 1) to `max` (default the longest contract). */
export const countField = (name: string, label: string, max = MAX_PLANNED_SESSIONS, min = 1): Field => ({ name, label, type: 'number', required: true, min, max });
/** A required date. */
export const dateField = (name: string, label: string): Field => ({ name, label, type: 'date', required: true });

/** The value a field shows: numbers and booleans of a record as a form holds them. */
const shown = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** A number field selects its value on focus: typing 18 replaces 16 instead of making 1618. */
const selectAll = (e: FocusEvent) => (e.target as HTMLInputElement).select();

/**
 * As a date is typed, the browser refuses what is no date (in the words of `data-bad`) and a date
 * after the field's latest (`data-max`, in the words of `data-late`), as it would in a date input.
 */
function checkDate(e: Event) {
  const f = e.target as HTMLInputElement;
  const iso = parseTypedDate(f.value, f.dataset.date as DateOrder);
  f.setCustomValidity(f.value.trim() && !iso ? f.dataset.bad! : iso && f.dataset.max && iso > f.dataset.max ? f.dataset.late! : '');
}

/** A field's value that was refused: the field's name, and what to say next to it. */
export interface FieldProblem {
  name: string;
  text: string;
}

/**
 * One labelled field. Text is always set as a property or text node, never parsed as HTML. With
 * `problem`, what is wrong with its value follows the control, linked by aria-describedby and
 * hidden from the label's own text (so the field's name stays its label). The template is the same
 * with or without it: the control, and what is typed in it, stay.
 * A date is a text field in the page's language (`dates`: "dd/mm/aaaa" in Spanish), not the
 * browser's date input, which follows the browser's locale whatever the page's language; its
 * `data-date` tells formValues() how to read it back as YYYY-MM-DD. Its value is also its
 * attribute, so that a form's reset() puts it back.
 */
export function renderField(f: Field, value: unknown, problem: string | undefined, dates: DateInput) {
  const invalid = problem ? 'true' : nothing;
  const described = problem ? 'field-problem' : nothing;
  const said = problem ? html`<span class="field-problem" id="field-problem" aria-hidden="true">${problem}</span>` : nothing;
  const type = f.type ?? 'text';
  const hint = f.hint ? html` <span class="muted">${f.hint}</span>` : nothing;
  if (type === 'checkbox') {
    return html`<label class="check"><input type="checkbox" name=${f.name} ?required=${!!f.required} .checked=${!!value} aria-invalid=${invalid} aria-describedby=${described} />${f.label}${said}</label>`;
  }
  if (type === 'select') {
    const v = shown(value);
    return html`<label>${f.label}${hint}
      <select name=${f.name} ?required=${!!f.required} aria-invalid=${invalid} aria-describedby=${described}>
        ${f.options!.map(([o, l]) => html`<option value=${o} ?selected=${o === v}>${l}</option>`)}
      </select>${said}
    </label>`;
  }
  // A one-line field would drop the line breaks of a text stored with them (by the host, an import):
  // such a text gets a text area, so that saving the form keeps it as it was.
  if (type === 'textarea' || (type === 'text' && /[\r\n]/.test(shown(value)))) {
    return html`<label class="wide">${f.label}${hint}
      <textarea name=${f.name} rows="2" ?required=${!!f.required} .value=${shown(value)} aria-invalid=${invalid} aria-describedby=${described}></textarea>${said}
    </label>`;
  }
  if (type === 'date') {
    const typed = typedDate(shown(value), dates.order);
    return html`<label>${f.label} <span class="muted">${dates.hint}${f.hint ? ` ${f.hint}` : ''}</span>
      <input name=${f.name} type="text" inputmode="numeric" autocomplete="off" data-date=${dates.order} ?required=${!!f.required}
        data-max=${f.max ?? nothing} data-late=${dates.late} data-bad=${dates.bad}
        value=${typed} .value=${typed}
        aria-invalid=${invalid} aria-describedby=${described} @input=${checkDate} />${said}
    </label>`;
  }
  return html`<label>${f.label}${hint}
    <input name=${f.name} type=${type} ?required=${!!f.required} min=${f.min ?? nothing} max=${f.max ?? nothing} .value=${shown(value)}
      aria-invalid=${invalid} aria-describedby=${described}
      @focus=${type === 'number' ? selectAll : nothing} />${said}
  </label>`;
}

/** Several fields, each showing the value of the same name in `values`; the one `problem` names says what is wrong with it. */
export function renderFields(fields: readonly Field[], values: Record<string, unknown> = {}, problem: FieldProblem | undefined, dates: DateInput) {
  return fields.map((f) => renderField(f, values[f.name], problem?.name === f.name ? problem.text : undefined, dates));
}

/** A yes / no / not known choice as select options, for optional booleans. */
export function triOptions(yes: string, no: string, unknown: string): Option[] {
  return [['', unknown], ['yes', yes], ['no', no]];
}

/** An optional boolean as a tri-state select holds it, and back. */
export const fromBool = (b: boolean | undefined): string => (b === undefined ? '' : b ? 'yes' : 'no');
export const toBool = (s: string | undefined): boolean | undefined => (s === 'yes' ? true : s === 'no' ? false : undefined);

/** The record without its undefined fields (an optional field left empty is absent, not undefined). */
export function defined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}
