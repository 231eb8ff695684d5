import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';

/** Rows a long list shows at first, and how many more each "Show more" adds. */
export const PAGE = 200;

/**
 * Long lists show their first rows, and a button shows more: a course of thousands of records
 * renders in short tasks, and every row stays reachable by keyboard and screen reader (a
 * virtualised list would hide rows from both). One count per list, by key; the lists start short
 * again when the element shows another course.
 */
export class Paging implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #shown = new Map<string, number>();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The rows of list `key` to render now. */
  rows<T>(key: string, list: readonly T[]): readonly T[] {
    const n = this.#shown.get(key) ?? PAGE;
    return list.length > n ? list.slice(0, n) : list;
  }

  /** The button that shows more of list `key`, when some of its `total` rows are not shown. */
  more(key: string, total: number, label: (shown: number, total: number) => string) {
    const shown = this.#shown.get(key) ?? PAGE;
    if (total <= shown) return nothing;
    return html`<p><button type="button" data-more=${key} @click=${() => (this.#shown.set(key, shown + PAGE), this.#host.requestUpdate())}>
      ${label(shown, total)}
    </button></p>`;
  }

  reset(): void {
    this.#shown.clear();
  }
}
