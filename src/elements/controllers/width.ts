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
    if (part === this.#observed) return;
    this.#observer?.disconnect();
    this.#observed = part;
    if (!part) return;
    this.#observer ??= new ResizeObserver(([entry]) => {
      const width = Math.floor(entry!.contentRect.width);
      // Whole steps of 8 px: a redraw never changes the width it was drawn for.
      if (width > 0 && Math.abs(width - this.width) >= 8) {
        this.width = width;
        // Drawn in the next frame: a layout changed inside the observer's callback is a loop error.
        requestAnimationFrame(() => this.#host.requestUpdate());
      }
    });
    this.#observer.observe(part);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observed = null;
  }
}
