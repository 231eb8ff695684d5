import { html, nothing, svg, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { CourseState } from '../../model/document.js';
import { IptError } from '../../model/errors.js';
import { newId } from '../../model/primitives.js';
import { DEFAULT_RINGS, isHighlyConflicted, isSupportive, middleRing, peopleInOrder, shownRing } from '../../model/people.js';
import { RINGS_MAX, type Person } from '../../model/schemas.js';
import { IptElement } from '../base.js';
import { wholeIn } from '../forms.js';
import type { Field } from '../fields.js';
import { personFields, personFromForm, personValues } from './person-form.js';
import { nameLabels, ringLabels, textSize } from './labels.js';
import { CENTRE, INNER, SIZE, band, initials, layout, ringAt, type Point } from './layout.js';
import { circleStyles } from './styles.js';


/** The keys that move the focused node a ring: Minus closer, Plus (or =, the same key unshifted) further. */
const RING_KEYS: Record<string, number> = { '-': -1, '+': 1, '=': 1 };

/** A person as drawn: where, and on which ring (a stored ring beyond `rings` shows on the outermost). */
interface Node extends Point {
  person: Person;
  ring: number;
}

/**
 * The interpersonal inventory as a closeness circle: the patient at the centre, each important
 * person on the ring of their closeness (1 = closest), and the same inventory as a table. People
 * are added, opened, edited and removed (with undo); they move between rings by dragging, by the
 * Closer and Further buttons, by Minus and Plus on their node, or in their details.
 *
 * @tagname ipt-relationship-circle
 * @summary The people in the patient's life, by closeness.
 * @fires ipt-ready - The course was loaded and rendered.
 * @fires ipt-before-change - Cancelable, before a user action is written.
 * @fires ipt-change - A record was written: `{courseId, entity, id, op}`.
 * @fires ipt-ring-change - A person was moved to another ring: `{courseId, personId, from, to}`.
 * @fires ipt-error - Something failed: `{code, message, field}`.
 * @csspart base - The whole widget.
 * @csspart circle - The closeness circle (SVG).
 * @csspart list - The table of the inventory.
 * @csspart details - The form of one person.
 * @csspart error - The problem banner.
 * @csspart sync-conflict - A record changed here and on the FHIR server, with the choice (when a sync runs on the store).
 * @cssprop --ipt-color-accent - Nodes, buttons and focus.
 * @cssprop --ipt-color-ok - Supportive relationships.
 * @cssprop --ipt-color-danger - People in a dispute.
 * @cssprop --ipt-color-warning - The mark of a highly conflicted relationship.
 */
export class IptRelationshipCircle extends IptElement {
  static override styles = [IptElement.styles, circleStyles];
  protected override shows = ['person', 'dispute'];
  static override properties = {
    rings: {},
    drag: { state: true },
    font: { state: true },
  };

  /** How many rings the circle has, 2 to 5 (default 3). */
  declare rings: string | number;
  /** The person being dragged and where the pointer is, in SVG units. */
  private declare drag: { id: string; x: number; y: number } | undefined;
  /** The size of the circle's text in SVG units: legible at the width the drawing is shown. */
  private declare font: number;

  constructor() {
    super();
    this.rings = DEFAULT_RINGS;
    this.font = textSize(0);
  }

  /** Text is sized again whenever the drawing's width on screen changes. */
  #resize = new ResizeObserver(() => this.#measure());

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
  }

  #measure() {
    const width = this.renderRoot.querySelector('svg')?.getBoundingClientRect().width ?? 0;
    if (width && textSize(width) !== this.font) this.font = textSize(width);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#measure();
  }

  /** The person whose node takes the circle's one Tab stop. */
  #current: string | undefined;
  #press: { id: string; x: number; y: number } | undefined;
  /** The people in the circle's keyboard order. */
  #order: string[] = [];

  get #ringCount(): number {
    return wholeIn(this.rings, 2, RINGS_MAX) ?? DEFAULT_RINGS;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('rings') && wholeIn(this.rings, 2, RINGS_MAX) === undefined) {
      this.fail(new IptError('invalid-input', `Invalid rings: must be a whole number from 2 to ${RINGS_MAX}`, 'rings'));
    }
  }

  #person(id: string): Person | undefined {
    return this.course?.people.find((p) => p.id === id);
  }

  /** Writes a person (act() announces a change of ring to the host); a move is said to screen readers. */
  async #save(before: Person | undefined, next: Person, action: string): Promise<boolean> {
    const done = await this.act({ entity: 'person', id: next.id, action }, () => [{ op: 'put', entity: 'person', record: next }]);
    if (done && before && before.ring !== next.ring) this.say(this.msg.circle.moved(next.name, next.ring));
    return !!done;
  }

  protected override resetView(): void {
    this.#current = undefined;
    this.#press = undefined;
    this.drag = undefined;
  }

  async #move(id: string, to: number, ...focus: string[]) {
    const p = this.#person(id);
    if (!p || to < 1 || to > this.#ringCount || to === shownRing(p, this.#ringCount)) return;
    if (await this.#save(p, { ...p, ring: to }, 'move-ring')) this.panels.focus(...focus);
  }

  #fields(): Field[] {
    return personFields(this.msg, this.#ringCount);
  }

  async #add(v: Record<string, string>) {
    const next = personFromForm(v, { id: newId(), courseId: this.courseId });
    if (await this.#save(undefined, next, 'add-person')) this.#openPerson(next.id, this.#row(next.id), '[name=support]');
  }

  async #edit(v: Record<string, string>, p: Person) {
    const next = personFromForm(v, p);
    // Someone stored beyond the rings drawn shows on the outermost: left there, they stay where they were.
    if (next.ring === shownRing(p, this.#ringCount)) next.ring = p.ring;
    if (await this.#save(p, next, 'edit-person')) this.panels.close(this.#back);
  }

  #remove(p: Person) {
    const disputes = this.course!.disputes.filter((d) => d.personId === p.id);
    void this.panels.remove(
      { entity: 'person', id: p.id, action: 'remove-person' },
      [...disputes.map((record) => ({ entity: 'dispute' as const, record })), { entity: 'person', record: p }],
      this.msg.circle.withDisputes(p.name, disputes.length),
      this.#row(p.id),
    );
  }

  /** Where focus goes back to when a person's details close: where they were opened from. */
  #back = '';
  #row = (id: string) => `tr[data-person-id="${id}"] [data-opens]`;
  #node = (id: string) => `.node[data-person-id="${id}"] circle.person`;

  #openPerson(id: string, back: string, field = '') {
    this.#back = back;
    this.panels.show(`person:${id}`, `[data-panel="person:${id}"] ${field || ':is(input,button)'}`);
  }

  // ------------------------------------------------------------------ the circle: pointer and keys

  #toSvg(e: PointerEvent): { x: number; y: number } {
    const svgEl = this.renderRoot.querySelector('svg')!;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(svgEl.getScreenCTM()!.inverse());
    return { x: p.x, y: p.y };
  }

  #down(e: PointerEvent, id: string) {
    if (e.button !== 0 || this.readonly) return;
    this.#current = id;
    this.#press = { id, ...this.#toSvg(e) };
  }

  /**
   * A press becomes a drag once the pointer has moved a little; only then does the SVG capture the
   * pointer. A press without a drag stays a click on the node, which opens the person (as Enter,
   * and a screen reader's or a switch's activation, do).
   */
  #moveTo = (e: PointerEvent) => {
    const press = this.#press;
    if (!press) return;
    const p = this.#toSvg(e);
    if (!this.drag && Math.hypot(p.x - press.x, p.y - press.y) <= 6) return;
    if (!this.drag) {
      try {
        (e.currentTarget as Element).setPointerCapture(e.pointerId);
      } catch {
        // Not an active pointer (a synthetic event): moves still reach the SVG while over it.
      }
    }
    this.drag = { id: press.id, ...p };
  };

  #up = () => {
    const { drag } = this;
    this.#press = undefined;
    this.drag = undefined;
    if (drag) void this.#move(drag.id, ringAt(Math.hypot(drag.x - CENTRE, drag.y - CENTRE), this.#ringCount), this.#node(drag.id));
  };

  #cancel = () => {
    this.#press = undefined;
    this.drag = undefined;
  };

  #key = (e: KeyboardEvent) => {
    const ids = this.#order;
    const i = ids.indexOf(this.#current ?? '');
    const step: Record<string, number> = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: ids.length - 1 };
    if (e.key in step) {
      e.preventDefault();
      this.#current = ids[(step[e.key]! + ids.length) % ids.length];
      this.panels.focus(this.#node(this.#current!));
    } else if ((e.key === 'Enter' || e.key === ' ') && this.#current) {
      e.preventDefault();
      this.#openPerson(this.#current, this.#node(this.#current));
    } else if (e.key in RING_KEYS && this.#current && !this.readonly) {
      e.preventDefault();
      void this.#step(this.#current, RING_KEYS[e.key]!);
    }
  };

  /** Minus and Plus on a node: one ring closer or further, said; at the edge, said why nothing moved. */
  async #step(id: string, dir: number) {
    const p = this.#person(id);
    if (!p || this.busy) return;
    const to = shownRing(p, this.#ringCount) + dir;
    if (to < 1 || to > this.#ringCount) this.say(this.msg.circle.atEdge(p.name, dir < 0));
    else await this.#move(id, to, this.#node(id));
  }

  // ------------------------------------------------------------------ rendering

  protected override render() {
    const status = this.renderStatus();
    return html`<section part="base" aria-label=${this.msg.circle.label}>
      ${this.renderProblem()} ${status ?? this.#renderInventory(this.course!)}
    </section>`;
  }

  #renderInventory(state: CourseState) {
    const rings = this.#ringCount;
    const disputed = new Set(state.disputes.filter((d) => d.outcome === undefined).map((d) => d.personId));
    const people = peopleInOrder(state.people, rings);
    const open = this.panels.open?.startsWith('person:') ? this.#person(this.panels.open.slice(7)) : undefined;
    return html`<h2 aria-level=${this.level(0)}>${this.msg.circle.label}</h2>
      ${this.#renderCircle(people, rings, disputed)} ${this.panels.renderUndo()} ${open ? this.#renderDetails(open) : nothing}
    ${this.readonly ? nothing : this.#renderAdd()} ${this.#renderList(people, rings, disputed)}`;
  }

  /** The cues of a person, in words (the circle's colours and marks say the same). */
  #cues(p: Person, disputed: Set<string>): string {
    const m = this.msg.circle;
    return [disputed.has(p.id) && m.inDispute, isHighlyConflicted(p) && m.highConflict, isSupportive(p) && m.supportive, p.deceased && m.deceased]
      .filter(Boolean)
      .join(', ');
  }

  #renderCircle(people: Person[], rings: number, disputed: Set<string>) {
    const m = this.msg.circle;
    const font = this.font;
    const perRing = Array.from({ length: rings }, (_, k) => people.filter((p) => shownRing(p, rings) === k + 1));
    const { points, overflow } = layout(perRing.map((list) => list.length));
    const nodes: Node[] = perRing.flatMap((list, k) => points[k]!.map((pt, i) => ({ ...pt, person: list[i]!, ring: k + 1 })));
    const numbers = ringLabels(points, overflow, font);
    const names = nameLabels(nodes, nodes.map((n) => n.person.name), numbers, font);
    this.#order = nodes.map((n) => n.person.id);
    if (!this.#order.includes(this.#current ?? '')) this.#current = this.#order[0];
    const drag = this.drag;
    const target = drag ? ringAt(Math.hypot(drag.x - CENTRE, drag.y - CENTRE), rings) : 0;
    const patientFont = Math.min(font, (2 * INNER - 8) / (Array.from(m.patient).length * 0.62));
    return html`<figure part="circle" class="circle">
      <svg viewBox="0 0 ${SIZE} ${SIZE}" role="group" aria-label=${m.circle(people.length)} @keydown=${this.#key}
        @pointermove=${this.#moveTo} @pointerup=${this.#up} @pointercancel=${this.#cancel} @lostpointercapture=${this.#cancel}>
        ${perRing.map((_, k) => svg`<circle class="ring ${target === k + 1 ? 'target' : ''}" cx=${CENTRE} cy=${CENTRE} r=${band(k + 1, rings)[1]}></circle>`)}
        ${numbers.map((box, k) => {
          if (!box) return nothing;
          const y = box.y + box.h / 2;
          return svg`<text class="ringno" x=${box.x + 2} y=${y} font-size=${font} aria-hidden="true">${k + 1}</text>
            ${overflow[k] ? svg`<text class="more" x=${box.x + box.w - 2} y=${y} font-size=${font} role="img" aria-label=${m.more(overflow[k]!, k + 1)}>+${overflow[k]}</text>` : nothing}`;
        })}
        <circle class="patient" cx=${CENTRE} cy=${CENTRE} r=${INNER}></circle>
        <text class="patient-label" x=${CENTRE} y=${CENTRE} font-size=${patientFont} aria-hidden="true">${m.patient}</text>
        ${repeat(nodes, (n) => n.person.id, (n, i) => {
          const p = n.person;
          const at = drag?.id === p.id ? drag : n;
          const name = names[i];
          const badge = Math.max(4, n.r * 0.45);
          return svg`<g class="node ${disputed.has(p.id) ? 'dispute' : ''} ${isSupportive(p) ? 'support' : ''} ${p.deceased ? 'deceased' : ''} ${drag?.id === p.id ? 'dragging' : ''}"
            data-person-id=${p.id} transform="translate(${at.x} ${at.y})">
            <circle class="person" r=${n.r} role="button" data-opens="person:${p.id}" tabindex=${this.#current === p.id ? 0 : -1}
              aria-label=${m.node(p.name, p.relationship, n.ring, this.#cues(p, disputed))}
              @pointerdown=${(e: PointerEvent) => this.#down(e, p.id)} @click=${() => this.#openPerson(p.id, this.#node(p.id))}
              @focus=${() => (this.#current = p.id)}></circle>
            <circle class="focus" r=${n.r + 5}></circle>
            ${n.r >= 9 ? svg`<text class="initials" font-size=${n.r * 0.8}>${initials(p.name)}</text>` : nothing}
            ${isHighlyConflicted(p)
              ? svg`<path class="conflict" d="M${n.r * 0.7} ${-n.r * 0.7 - badge}l${badge} ${badge * 1.7}h${-badge * 2}z"></path>`
              : nothing}
            ${name ? svg`<text class="name" x=${name.x + name.w / 2 - n.x} y=${name.y + name.h / 2 - n.y} font-size=${font}>${name.text}</text>` : nothing}
          </g>`;
        })}
      </svg>
      <figcaption class="muted">
        ${m.legend} <span class="key dispute">${m.inDispute}</span> <span class="key conflict">${m.highConflict}</span>
        <span class="key support">${m.supportive}</span> <span class="key deceased">${m.deceased}</span>
      </figcaption>
    </figure>`;
  }

  #renderAdd() {
    const m = this.msg.circle;
    if (this.panels.open !== 'add') return html`<p>${this.panels.opener('add', m.addButton)}</p>`;
    return html`<div class="card">
      ${this.panels.render('add', m.addButton, this.panels.fields(this.#fields().slice(0, 3), { ring: middleRing(this.#ringCount) }), (v) => this.#add(v))}
    </div>`;
  }

  #renderDetails(p: Person) {
    const values = personValues(p, this.#ringCount);
    const heading = html`<h3 aria-level=${this.level(1)}>${this.msg.circle.details(p.name)}</h3>`;
    if (this.readonly) {
      return html`<section class="card" part="details" data-panel="person:${p.id}" aria-label=${p.name}>
        ${heading}
        <dl>
          ${this.#fields().map((f) => {
            const v = values[f.name];
            const shown = f.options ? f.options.find(([o]) => o === String(v ?? ''))?.[1] : f.type === 'checkbox' ? (v ? this.msg.yes : this.msg.no) : v;
            return html`<dt>${f.label}</dt><dd>${shown || '–'}</dd>`;
          })}
        </dl>
        <button type="button" @click=${() => this.panels.close(this.#back)}>${this.msg.close}</button>
      </section>`;
    }
    return html`<section class="card" part="details">
      ${heading}
      ${this.panels.render(`person:${p.id}`, this.msg.circle.details(p.name), this.panels.fields(this.#fields(), values), (v) => this.#edit(v, p), {
        back: this.#back,
        extra: html`<button type="button" class="danger" @click=${() => this.#remove(p)} ?disabled=${this.busy}>${this.msg.remove}</button>`,
      })}
    </section>`;
  }

  #renderList(people: Person[], rings: number, disputed: Set<string>) {
    const m = this.msg.circle;
    return html`<section class="card" part="list">
      <h3 aria-level=${this.level(1)} id="people-title">${m.people(people.length)}</h3>
      ${people.length === 0
        ? html`<p class="muted">${m.noPeople}</p>`
        : html`<div class="scroll" role="region" aria-labelledby="people-title" tabindex="0"><table>
            <thead>
              <tr><th scope="col">${m.colName}</th><th scope="col">${m.colRelationship}</th><th scope="col">${m.colRing}</th><th scope="col">${m.colNotes}</th></tr>
            </thead>
            <tbody data-rove>
              ${repeat(this.paging.rows('people', people), (p) => p.id, (p) => {
                const ring = shownRing(p, rings);
                const row = `tr[data-person-id="${p.id}"]`;
                const move = (dir: number) => this.#move(p.id, ring + dir, `${row} [data-dir="${dir}"]:not(:disabled)`, `${row} [data-dir]:not(:disabled)`);
                return html`<tr data-person-id=${p.id} data-rove-row class=${disputed.has(p.id) ? 'dispute' : ''}>
                  <td><button type="button" class="link" data-opens="person:${p.id}" aria-label=${m.details(p.name)} @click=${() => this.#openPerson(p.id, this.#row(p.id))}>${p.name}</button></td>
                  <td data-label=${m.colRelationship}>${p.relationship || nothing}</td>
                  <td class="ring" data-label=${m.colRing}>${ring}
                    ${this.readonly
                      ? nothing
                      : html`<button type="button" data-dir="-1" aria-label=${m.moveCloser(p.name)} ?disabled=${ring === 1 || this.busy}
                            @click=${() => move(-1)}>${m.closer}</button>
                          <button type="button" data-dir="1" aria-label=${m.moveFurther(p.name)} ?disabled=${ring === rings || this.busy}
                            @click=${() => move(1)}>${m.further}</button>`}
                  </td>
                  <td data-label=${m.colNotes}>${this.#cues(p, disputed) || nothing}</td>
                </tr>`;
              })}
            </tbody>
          </table></div>${this.paging.more('people', people.length, this.msg.showMore)}`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ipt-relationship-circle': IptRelationshipCircle;
  }
}
