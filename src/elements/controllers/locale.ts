import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { dateInput, formatDate, langOf, messagesFor, type DateInput, type Messages } from '../../i18n/index.js';

/** The hosts in a page, rendered again when a `lang` changes anywhere in it (a portal switching language). */
const hosts = new Set<ReactiveControllerHost>();
let observer: MutationObserver | undefined;

/**
 * The language of a widget: its own or its nearest ancestor's `lang`, else the page's, else
 * English; the strings and the date format of that language. In the shape of Shoelace's
 * LocalizeController: the connected hosts in one set, one observer of `lang` for the page.
 */
export class LocaleController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.#host);
    observer ??= new MutationObserver(() => hosts.forEach((h) => h.requestUpdate()));
    observer.observe(this.#host.ownerDocument, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }

  hostDisconnected(): void {
    hosts.delete(this.#host);
  }

  get lang(): string {
    return langOf(this.#host);
  }

  /** The strings of the host's language. */
  get msg(): Messages {
    return messagesFor(this.lang);
  }

  /** How the host's date fields read and write dates: in its language, not the browser's. */
  get dateInput(): DateInput {
    return dateInput(this.lang);
  }

  /** A YYYY-MM-DD date in the host's language. */
  date(iso: string): string {
    return formatDate(iso, this.lang);
  }
}
