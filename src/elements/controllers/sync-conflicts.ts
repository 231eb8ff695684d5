import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { recordIn, type CourseState } from '../../model/document.js';
import type { Entity } from '../../model/schemas.js';
import type { Messages } from '../../i18n/index.js';
import { FOCUSABLE } from './panels.js';
import type { IptStore } from '../../store/index.js';
import { SYNC_HANDLE, type SyncConflictSource } from '../../store/port.js';

type Conflict = Awaited<ReturnType<SyncConflictSource['conflicts']>>[number];

/** What the conflicts read of their element. */
export interface SyncConflictsView {
  store(): IptStore | undefined;
  courseId(): string;
  course(): CourseState | undefined;
  /** The kinds of record the widget shows. */
  shows(): readonly string[];
  readonly(): boolean;
  msg(): Messages;
  say(text: string): void;
  /** Focuses the first control the first selector that matches finds (in order of preference). */
  focus(...selectors: string[]): void;
}

/** A value of the server's copy as a line of text; nothing for what is not a plain value. */
const shown = (v: unknown): string =>
  Array.isArray(v) ? v.map(shown).filter(Boolean).join(', ') : v === null || typeof v === 'object' || v === undefined ? '' : String(v);

/**
 * The sync's conflicts of the records a widget shows: a record changed in this browser and on the
 * portal's FHIR server (the same fields, or removed on one side), each with the server's values
 * and a choice, keep mine or take theirs, which the running sync (`startSync` on the widget's
 * store) carries out. Heard again whenever the sync reports and whenever the course changes.
 */
export class SyncConflicts implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #view: SyncConflictsView;
  #source: SyncConflictSource | undefined;
  #list: Conflict[] = [];
  #seen: CourseState | undefined;
  #asked = 0;
  #refresh = () => void this.#read();

  constructor(host: ReactiveControllerHost, view: SyncConflictsView) {
    this.#host = host;
    this.#view = view;
    host.addController(this);
  }

  hostUpdated(): void {
    const source = (this.#view.store() as unknown as Record<symbol, SyncConflictSource | undefined> | undefined)?.[SYNC_HANDLE];
    if (source !== this.#source) {
      this.#source?.removeEventListener('ipt-sync', this.#refresh);
      this.#source = source;
      source?.addEventListener('ipt-sync', this.#refresh);
    } else if (this.#view.course() === this.#seen) return;
    this.#seen = this.#view.course();
    void this.#read();
  }

  hostDisconnected(): void {
    this.#source?.removeEventListener('ipt-sync', this.#refresh);
    this.#source = undefined;
  }

  async #read(): Promise<void> {
    const asked = ++this.#asked;
    const shows = this.#view.shows();
    const list = (await this.#source?.conflicts().catch(() => [])) ?? [];
    if (asked !== this.#asked) return;
    const next = list.filter((c) => c.courseId === this.#view.courseId() && shows.includes(c.entity));
    if (JSON.stringify(next) === JSON.stringify(this.#list)) return;
    this.#list = next;
    this.#host.requestUpdate();
  }

  /** The record as this browser holds it (none when removed here). */
  #record(c: Conflict): Record<string, unknown> | undefined {
    const course = this.#view.course();
    return course && (recordIn(course, c.entity as Entity, c.id) as Record<string, unknown> | undefined);
  }

  /** The record's name in the widget: its kind, and its name, text or date. */
  #what(c: Conflict): string {
    const m = this.#view.msg().syncConflict;
    const record = this.#record(c) ?? c.server;
    const label = shown(record?.name ?? record?.text ?? record?.date);
    return `${m.entities[c.entity as keyof typeof m.entities] ?? c.entity}${label ? ` “${label}”` : ''}`;
  }

  async #choose(c: Conflict, choice: 'mine' | 'theirs'): Promise<void> {
    const what = this.#what(c);
    const m = this.#view.msg().syncConflict;
    await this.#source?.resolve(c, choice);
    await this.#read();
    this.#view.say(choice === 'mine' ? m.kept(what) : m.taken(what));
    this.#view.focus('[data-sync-conflict] button', FOCUSABLE);
  }

  render() {
    if (!this.#list.length || !this.#source) return nothing;
    const m = this.#view.msg().syncConflict;
    return html`<div class="alert danger" role="alert" part="sync-conflict" data-sync-conflict>
      <strong>${m.title}</strong>
      <ul>
        ${this.#list.map((c) => {
          const what = this.#what(c);
          const values = (side: Record<string, unknown> | undefined) =>
            c.fields
              .map((f) => [f, shown(side?.[f])])
              .filter(([, v]) => v)
              .map(([f, v]) => `${f}: ${v}`)
              .join('; ');
          const here = c.kind === 'deleted-here' ? '' : values(this.#record(c));
          const server = values(c.server);
          return html`<li>
            <strong class="line">${what}</strong>
            ${c.kind === 'edit' ? nothing : html`<span class="line">${c.kind === 'deleted-here' ? m.deletedHere : m.deletedThere}</span>`}
            ${here ? html`<span class="line">${m.here}: ${here}</span>` : nothing}
            ${server ? html`<span class="line">${m.server}: ${server}</span>` : nothing}
            ${this.#view.readonly()
              ? nothing
              : (['mine', 'theirs'] as const).map((choice) => html`<button type="button" aria-label="${m[choice]}: ${what}" @click=${() => this.#choose(c, choice)}>${m[choice]}</button>`)}
          </li>`;
        })}
      </ul>
    </div>`;
  }
}
