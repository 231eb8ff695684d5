import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The width of a part of an element's shadow root (found by `selector` after each update), kept
 * up to date by a ResizeObserver: a chart drawn at the width it is shown at keeps its text at the
 * size of the page's text, on a phone as on a wide screen. 0 until the part is laid out.
 */
export class Width implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #selector: string;
  #observer: ResizeObserver | undefined;
  #observed: Element | null = null;
  width = 0;

  constructor(host: ReactiveControllerHost & HTMLElement, selector: string) {
    this.#host = host;
    this.#selector = selector;
    host.addController(this);
  }

  hostUpdated(): void {
    const part = this.#host.shadowRoot?.querySelector(this.#selector) ?? null;
    // Measured after each render too: a page in the background gets no observer's report until it is shown.
    if (part) this.#take(part.getBoundingClientRect().width);
    if (part === this.#observed) return;
    this.#observer?.disconnect();
    this.#observed = part;
    if (!part) return;
    this.#observer ??= new ResizeObserver(([entry]) => this.#take(entry!.contentRect.width));
    this.#observer.observe(part);
  }

  /** A width measured: drawn again when it moved by 8 px or more (a redraw never changes the width it was drawn for). */
  #take(measured: number): void {
    const width = Math.floor(measured);
    if (width > 0 && Math.abs(width - this.width) >= 8) {
      this.width = width;
      // Drawn in a task of its own: a layout changed inside the observer's callback is a loop error.
      setTimeout(() => this.#host.requestUpdate());
    }
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observed = null;
  }
}
