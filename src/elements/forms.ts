import { parseTypedDate, type DateOrder } from '../model/dates.js';

/**
 * Reads a form's fields as strings. A date field (`data-date`, see renderField) gives YYYY-MM-DD,
 * or what was typed when it is no date, for the model to refuse by name.
 */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new FormData(form)) if (typeof v === 'string') out[k] = v;
  for (const f of form.querySelectorAll<HTMLInputElement>('input[data-date]')) {
    if (out[f.name]) out[f.name] = parseTypedDate(out[f.name]!, f.dataset.date as DateOrder) ?? out[f.name]!;
  }
  return out;
}

/** A whole-number attribute or property within [min, max], or undefined when it is not one. */
export function wholeIn(value: string | number, min: number, max: number): number | undefined {
  const n = toInt(String(value));
  return n >= min && n <= max ? n : undefined;
}

/** A whole number from a form field, or NaN when it is not one (so that validation names it). */
export function toInt(value: string | undefined): number {
  // Decimal digits only: "0x3", "1e1" or "3.0" are not whole numbers as a person writes them.
  return value !== undefined && /^\s*[-+]?\d+\s*$/.test(value) ? Number(value) : NaN;
}
