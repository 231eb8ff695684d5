import { en, type Messages } from './en.js';
import { inOrder, type DateOrder } from '../model/dates.js';

export type { Messages };

const catalogs = new Map<string, Messages>([['en', en]]);

/** Adds or replaces a language: strings it lacks fall back to English. */
export function registerLocale(lang: string, messages: Messages): void {
  catalogs.set(lang.toLowerCase(), messages);
}

/** The language of an element: its own or its nearest ancestor's `lang`, else the page's, else English. */
export function langOf(el: Element): string {
  const host = el.closest('[lang]')?.getAttribute('lang') || el.ownerDocument?.documentElement.lang || 'en';
  return host;
}

/** The messages for a language tag (`es-MX` falls back to `es`, then English). */
export function messagesFor(lang: string): Messages {
  const tag = lang.toLowerCase();
  return catalogs.get(tag) ?? catalogs.get(tag.split('-')[0]!) ?? en;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** A YYYY-MM-DD date in the language's medium style. */
export function formatDate(iso: string, lang: string): string {
  let f = dateFormats.get(lang);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
    } catch {
      f = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
    }
    dateFormats.set(lang, f);
  }
  const [y, m, d] = iso.split('-').map(Number);
  return f.format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** How a date field of a language reads and writes dates: the order of its parts, and its hint ("dd/mm/aaaa"). */
export interface DateInput {
  order: DateOrder;
  hint: string;
  /** Said when a date after the field's latest is typed. */
  late: string;
  /** Said when what is typed is no date. */
  bad: string;
}

const dateOrders = new Map<string, DateOrder>();
/** The order in which a language writes day, month and year (Intl's numeric date of that language: es and en-GB dmy, en mdy). */
export function dateOrder(lang: string): DateOrder {
  let order = dateOrders.get(lang);
  if (!order) {
    let parts: Intl.DateTimeFormatPart[];
    try {
      parts = new Intl.DateTimeFormat(lang, { timeZone: 'UTC' }).formatToParts(0);
    } catch {
      parts = [];
    }
    const seen = parts.map((p) => p.type[0]).filter((c) => c === 'd' || c === 'm' || c === 'y').join('');
    order = seen === 'dmy' || seen === 'ymd' ? seen : 'mdy';
    dateOrders.set(lang, order);
  }
  return order;
}

/** The date field of a language: its order, and its hint and messages in its words. */
export function dateInput(lang: string): DateInput {
  const order = dateOrder(lang);
  const msg = messagesFor(lang);
  return { order, hint: inOrder(msg.dateParts, order), late: msg.fieldProblem.future, bad: msg.fieldProblem.date };
}
