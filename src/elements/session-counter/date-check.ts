import { html, nothing, type ReactiveControllerHost } from 'lit';
import { sessionDateQuestions, type DateQuestion } from '../../model/dates.js';
import type { CourseState } from '../../model/document.js';
import type { Session } from '../../model/schemas.js';
import type { Messages } from '../../i18n/index.js';

/** What the date check asks of its element. */
export interface DateCheckView {
  fail(error: unknown): void;
  /** Moves focus, after the next render, to what the selector finds. */
  focus(selector: string): void;
}

/**
 * The date of a session checked before it is written, by the model's rule: one in the future is
 * refused (`ipt-error`), one before the course's start or on the date of another visit is asked
 * about in the form that was submitted. "Keep this date" submits that form again and the write
 * goes ahead; another date or status is checked afresh.
 */
export class DateCheck {
  readonly #host: ReactiveControllerHost;
  readonly #view: DateCheckView;
  #asked: { form: string; session: Session; questions: DateQuestion[] } | undefined;
  #kept = false;

  constructor(host: ReactiveControllerHost, view: DateCheckView) {
    this.#host = host;
    this.#view = view;
  }

  /** True when `session`, submitted from the form `form`, may be written now; otherwise it was refused or asked about. */
  ok(form: string, state: CourseState, session: Session, today: string): boolean {
    let questions: DateQuestion[];
    try {
      questions = sessionDateQuestions(state.course, state.sessions, session, today);
    } catch (error) {
      this.clear();
      this.#view.fail(error);
      return false;
    }
    const a = this.#asked;
    const kept = this.#kept && a?.form === form && a.session.date === session.date && a.session.status === session.status;
    this.clear();
    if (questions.length === 0 || kept) return true;
    this.#asked = { form, session, questions };
    this.#view.focus('[data-keep-date]');
    return false;
  }

  /** Forgets the question asked. */
  clear(): void {
    this.#asked = undefined;
    this.#kept = false;
    this.#host.requestUpdate();
  }

  /** The question, inside the form `form` that asked it (`start`: the course's start, as shown): keep the date, or change it. */
  render(form: string, msg: Messages, start = '') {
    const a = this.#asked;
    if (a?.form !== form) return nothing;
    const m = msg.counter;
    return html`<div class="alert ask">
      <p id="date-question">${a.questions.map((q) => (q === 'before-start' ? m.beforeStart(start) : m.sameDay)).join(' ')}</p>
      <button type="button" data-keep-date aria-describedby="date-question"
        @click=${(e: Event) => ((this.#kept = true), (e.currentTarget as HTMLButtonElement).form?.requestSubmit())}>${m.keepDate}</button>
      <button type="button" @click=${(e: Event) => (this.clear(), (e.currentTarget as HTMLButtonElement).form?.querySelector<HTMLInputElement>('[name="date"]')?.focus())}>
        ${m.changeDate}
      </button>
    </div>`;
  }
}
