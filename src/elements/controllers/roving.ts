import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The controls of a list that take part: enabled buttons and checkboxes, outside an open form. */
const ITEMS = ':is(button, input[type=checkbox]):not(:disabled)';

/**
 * One Tab stop per list (a roving tabindex, as Spectrum's RovingTabindex and Shoelace do): in an
 * element marked `data-rove`, the controls of its rows (`data-rove-row`) all take tabindex -1 but
 * one, the last focused (the first at the start, or the one at the same place when it went away).
 * Up and Down move to the same control of the row above or below, Left and Right to the previous
 * or next control, Home and End to the first and last. Every control stays reachable; a form
 * opened in a row keeps its own Tab order.
 */
export class Roving implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  /** The current control of each list, and its place when it was current. */
  readonly #current = new WeakMap<Element, { item: Element; index: number }>();

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  get #root(): ParentNode {
    return this.#host.shadowRoot ?? this.#host;
  }

  /** The rows of a list, each as its controls. */
  #rows(list: Element): Element[][] {
    return [...list.querySelectorAll('[data-rove-row]')]
      .filter((row) => row.closest('[data-rove]') === list)
      .map((row) => [...row.querySelectorAll(ITEMS)].filter((c) => !c.closest('form')))
      .filter((row) => row.length);
  }

  hostConnected(): void {
    this.#root.addEventListener('focusin', this.#focusin);
    this.#root.addEventListener('keydown', this.#keydown as EventListener);
  }

  hostDisconnected(): void {
    this.#root.removeEventListener('focusin', this.#focusin);
    this.#root.removeEventListener('keydown', this.#keydown as EventListener);
  }

  hostUpdated(): void {
    for (const list of this.#root.querySelectorAll('[data-rove]')) {
      const items = this.#rows(list).flat();
      const was = this.#current.get(list);
      const current = was && items.includes(was.item) ? was.item : items[Math.min(was?.index ?? 0, items.length - 1)];
      for (const item of items) (item as HTMLElement).tabIndex = item === current ? 0 : -1;
      if (current) this.#current.set(list, { item: current, index: items.indexOf(current) });
    }
  }

  #focusin = (e: Event) => {
    const item = e.target as Element;
    const list = item.closest('[data-rove]');
    if (!list || !item.matches(ITEMS) || item.closest('form')) return;
    const items = this.#rows(list).flat();
    if (!items.includes(item)) return;
    this.#current.set(list, { item, index: items.indexOf(item) });
    for (const other of items) (other as HTMLElement).tabIndex = other === item ? 0 : -1;
  };

  #keydown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const item = e.target as Element;
    const list = item.closest('[data-rove]');
    if (!list || item.closest('form')) return;
    const rows = this.#rows(list);
    const items = rows.flat();
    const at = items.indexOf(item);
    if (at < 0) return;
    const r = rows.findIndex((row) => row.includes(item));
    const column = rows[r]!.indexOf(item);
    const inRow = (k: number) => rows[k] && rows[k][Math.min(column, rows[k].length - 1)];
    const next: Record<string, Element | undefined> = {
      ArrowDown: inRow(r + 1),
      ArrowUp: inRow(r - 1),
      ArrowRight: items[at + 1],
      ArrowLeft: items[at - 1],
      Home: items[0],
      End: items[items.length - 1],
    };
    if (!(e.key in next)) return;
    e.preventDefault();
    (next[e.key] as HTMLElement | undefined)?.focus();
  };
}
