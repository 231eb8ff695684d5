import { en, type Messages } from './en.js';

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
