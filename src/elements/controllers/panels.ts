import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Change } from '../../model/changes.js';
import type { CourseState, RecordEntity } from '../../model/document.js';
import type { DateInput, Messages } from '../../i18n/index.js';
import { formValues } from '../forms.js';
import { renderFields, type Field, type FieldProblem } from '../fields.js';
import type { Intent } from '../../events.js';

/** Records a removal took away: Undo puts them back, focus then goes to `focus`. */
export interface Undoable {
  label: string;
  intent: Intent;
  restore: Change[];
  focus: string;
}

/** What the panels read of their element, and the one thing they ask of it: to act. */
export interface PanelView {
  course(): CourseState | undefined;
  readonly(): boolean;
  busy(): boolean;
  msg(): Messages;
  /** How date fields read and write dates, in the element's language. */
  dates(): DateInput;
  /** The capturing listener that reports a form's own invalid field. */
  onInvalid(): EventListenerObject & { capture: boolean };
  act(intent: Intent, changes: () => Change[]): Promise<unknown>;
}

/** Options of a panel's form. */
export interface PanelOptions {
  /** Where focus goes when the panel closes: by default its opener. */
  back?: string;
  /** More buttons after Save and Cancel. */
  extra?: unknown;
}

/**
 * The panels of a widget (one open at a time: a form, an edit row, a confirmation), what the
 * person typed in the open one, where focus goes next, and Undo after a removal. A panel's opener
 * carries `data-opens="<key>"`, the panel `data-panel="<key>"`.
 */
/** Any control a keyboard reaches: where focus goes when the control it was on is gone. */
export const FOCUSABLE = 'button,input,select,textarea,[tabindex="0"]';

export class Panels implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #view: PanelView;
  /** The course as it was when the open panel opened: what its form's edits are merged against. */
  seen: CourseState | undefined;
  #open: string | undefined;
  #invalid: FieldProblem | undefined;
  #undoable: Undoable | undefined;
  #focusNext: string[] | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, view: PanelView) {
    this.#host = host;
    this.#view = view;
    host.addController(this);
  }

  /** The one panel open (a form, an edit row, a confirmation), by key such as `add` or `edit:<id>`. */
  get open(): string | undefined {
    return this.#open;
  }

  set open(key: string | undefined) {
    this.#open = key;
    this.#invalid = undefined;
    this.#host.requestUpdate();
  }

  /** The field whose value the last save refused, said next to it until the panel closes or a save succeeds. */
  get invalid(): FieldProblem | undefined {
    return this.#invalid;
  }

  set invalid(problem: FieldProblem | undefined) {
    this.#invalid = problem;
    this.#host.requestUpdate();
  }

  /** A form's fields (see renderFields), the refused one saying what is wrong with it. */
  fields(fields: readonly Field[], values?: Record<string, unknown>) {
    return renderFields(fields, values, this.#invalid, this.#view.dates());
  }

  /** What the last removal took away, for its Undo button. */
  get undoable(): Undoable | undefined {
    return this.#undoable;
  }

  set undoable(u: Undoable | undefined) {
    this.#undoable = u;
    this.#host.requestUpdate();
  }

  /** Opens a panel and moves focus to its first field or button (or to `focus`). */
  show(key: string, focus = `[data-panel="${key}"] :is(input,select,textarea,button)`): void {
    this.open = key;
    this.seen = this.#view.course();
    this.focus(focus);
  }

  /** Closes the open panel; focus goes back to its opener (or to `focus`). */
  close(focus = `[data-opens="${this.open}"]`): void {
    this.open = undefined;
    this.focus(focus);
  }

  /** A course shown after a read: a panel of a record that is gone (removed in another tab, by the host) closes. */
  follow(course: CourseState | undefined): void {
    const id = this.open?.split(':')[1];
    if (id && !(course && Object.values(course).some((v) => Array.isArray(v) && v.some((r: { id: string }) => r.id === id)))) {
      this.open = undefined;
    }
  }

  /** The fields of the open form that the person changed, with what they hold. */
  typed(): Array<[HTMLInputElement, string, boolean]> {
    return [...((this.#host.shadowRoot ?? this.#host)?.querySelectorAll<HTMLInputElement>('form [data-typed]') ?? [])].map((f) => [f, f.value, f.checked]);
  }

  /** Puts back what the person typed, after newer data re-rendered the open form. */
  async keep(typed: Array<[HTMLInputElement, string, boolean]>): Promise<void> {
    if (typed.length === 0) return;
    await this.#host.updateComplete;
    for (const [field, value, checked] of typed) Object.assign(field, { value, checked });
  }

  /** A button that opens the panel `key` (focus then goes into it, or to `focus`); a removal's is a danger button. */
  opener(key: string, text: string, label?: string, focus?: string, before?: () => void) {
    return html`<button type="button" class=${key.startsWith('remove') ? 'danger' : nothing} data-opens=${key} aria-label=${label ?? nothing}
      @click=${() => (before?.(), this.show(key, focus))}>${text}</button>`;
  }

  /**
   * The form of panel `key` while it is open (nothing otherwise, or when readonly): `content` (its
   * fields), Save, Cancel (or Escape), which closes it, and more buttons. Save hands the form's
   * values to `submit`.
   */
  render(key: string, label: string, content: unknown, submit: (values: Record<string, string>) => unknown, options: PanelOptions = {}) {
    const v = this.#view;
    if (this.open !== key || v.readonly()) return nothing;
    return html`<form class="row" data-panel=${key} aria-label=${label} @invalid=${v.onInvalid()}
      @input=${(e: Event) => (e.target as Element).setAttribute('data-typed', '')}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key !== 'Escape' || e.isComposing) return;
        // The panel's Escape, not the host's (a portal dialog around the widget stays open).
        e.preventDefault();
        e.stopPropagation();
        this.close(options.back);
      }}
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        submit(formValues(e.target as HTMLFormElement));
      }}>
      ${content}
      <button class="primary" ?disabled=${v.busy()}>${v.msg().save}</button>
      <button type="button" @click=${() => this.close(options.back)}>${v.msg().cancel}</button>
      ${options.extra}
    </form>`;
  }

  /**
   * Removes records in one action and offers Undo, which puts them back as they were. Focus moves
   * to the Undo button; after Undo it goes to `focus`.
   */
  async remove(intent: Intent, removed: Array<{ entity: RecordEntity; record: { id: string } }>, label: string, focus: string): Promise<boolean> {
    const done = await this.#view.act(intent, () => removed.map(({ entity, record }) => ({ op: 'delete' as const, entity, id: record.id })));
    if (done) {
      if (removed.some(({ record }) => this.open?.endsWith(`:${record.id}`))) this.open = undefined;
      const restore = removed.map(({ entity, record }) => ({ op: 'put', entity, record }) as Change);
      this.undoable = { label, intent: { ...intent, action: `undo-${intent.action}` }, restore, focus };
      this.focus('[data-undo]');
    }
    return !!done;
  }

  /** The Undo bar after a removal. */
  renderUndo() {
    const v = this.#view;
    const u = this.undoable;
    if (!u || v.readonly()) return nothing;
    return html`<p class="alert undo">
      <span id="undo-what">${v.msg().removed(u.label)}</span>
      <button type="button" data-undo aria-describedby="undo-what" ?disabled=${v.busy()}
        @click=${async () => (await v.act(u.intent, () => u.restore)) && this.focus(u.focus)}>${v.msg().undo}</button>
    </p>`;
  }

  /** Moves focus, after the next render, to what the first of the selectors that matches finds. */
  focus(...selectors: string[]): void {
    this.#focusNext = selectors;
    this.#host.requestUpdate();
  }

  hostUpdated(): void {
    if (!this.#focusNext) return;
    const target = this.#focusNext.map((s) => (this.#host.shadowRoot ?? this.#host).querySelector<HTMLElement>(s)).find(Boolean);
    this.#focusNext = undefined;
    target?.focus();
  }
}
