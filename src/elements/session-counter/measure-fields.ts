import { html, nothing } from 'lit';
import type { Change } from '../../model/changes.js';
import { same } from '../../model/merge.js';
import { newId } from '../../model/primitives.js';
import { HAMD_VERSIONS, INSTRUMENTS, scoreRange, type HamdVersion, type Instrument, type Measure, type Session } from '../../model/schemas.js';
import type { Messages } from '../../i18n/index.js';
import { toInt } from '../forms.js';

/** The instruments ticked in a form, and the HAM-D version picked: they decide its score fields. */
export interface Taking {
  instruments: readonly Instrument[];
  version: HamdVersion | undefined;
}

type Values = Record<string, string>;

/** The name of an instrument as a clinician reads it ('other' by its label), with a HAM-D's version. */
export function measureName(m: Pick<Measure, 'instrument' | 'label' | 'version'>, msg: Messages): string {
  if (m.instrument === 'other') return m.label ?? msg.counter.instrument;
  return m.instrument === 'HAM-D' ? msg.counter.hamd(m.version ?? 17) : m.instrument;
}

/** What a form's measure fields say is ticked (read from the form as it is now, on each change). */
export function takingOf(form: HTMLFormElement): Taking {
  const version = form.querySelector<HTMLSelectElement>('[name="version"]')?.value;
  return {
    instruments: INSTRUMENTS.filter((i) => form.querySelector<HTMLInputElement>(`[name="take-${i}"]`)?.checked),
    version: version ? (Number(version) as HamdVersion) : undefined,
  };
}

/**
 * The measures of a visit as fields: a box for each instrument, and for each one ticked its score
 * (a HAM-D its version first, another instrument its name). `held`: the measures the visit holds,
 * whose values the fields show; a score taken item by item is read-only (its items make it).
 */
export function renderMeasureFields(taking: Taking, msg: Messages, held: readonly Measure[], changed: (t: Taking) => void) {
  const m = msg.counter;
  const of = (i: Instrument) => held.find((x) => x.instrument === i);
  return html`<fieldset class="measures-taken" @change=${(e: Event) => changed(takingOf((e.currentTarget as HTMLFieldSetElement).form!))}>
    <legend>${m.measuresTaken}</legend>
    <div class="row">
      ${INSTRUMENTS.map(
        (i) => html`<label class="check"><input type="checkbox" name="take-${i}" ?checked=${taking.instruments.includes(i)} />${i === 'other' ? m.otherInstrument : i}</label>`,
      )}
    </div>
    ${taking.instruments.length
      ? html`<div class="row">
          ${taking.instruments.map((i) => {
            const x = of(i);
            const version = i === 'HAM-D' ? (taking.version ?? 17) : undefined;
            const [lo, hi] = scoreRange({ instrument: i, version });
            return html`${i === 'HAM-D'
                ? html`<label>${m.hamdVersion}
                    <select name="version">
                      ${HAMD_VERSIONS.map((n) => html`<option value=${n} ?selected=${n === version}>${m.hamdItems(n)}</option>`)}
                    </select>
                  </label>`
                : nothing}
              ${i === 'other' ? html`<label>${m.instrumentName}<input name="label" .value=${x?.label ?? ''} /></label>` : nothing}
              <label>${m.scoreOf(i === 'other' ? m.otherInstrument : i)} <span class="muted">${m.scoreRange(lo, hi)}</span>
                <input name="score-${i}" type="number" required min=${lo} max=${hi} step=${i === 'other' ? 'any' : '1'}
                  .value=${x ? String(x.score) : ''} ?readonly=${!!x?.items} aria-describedby=${x?.items ? 'by-items' : nothing} />
              </label>`;
          })}
        </div>`
      : nothing}
    ${held.some((x) => x.items) ? html`<p class="muted" id="by-items">${m.scoredByItems}</p>` : nothing}
  </fieldset>`;
}

/**
 * The changes that make a visit hold the measures a form's values tick: each ticked instrument's
 * measure put (the one the visit holds, corrected, or a new one), each measure of an instrument no
 * longer ticked removed. Measures follow the visit's date. `held`: what the visit holds now.
 */
export function measureChanges(v: Values, session: Session, held: readonly Measure[]): Change[] {
  const changes: Change[] = [];
  for (const i of INSTRUMENTS) {
    const x = held.find((m) => m.instrument === i);
    if (!v[`take-${i}`]) {
      if (x) changes.push({ op: 'delete', entity: 'measure', id: x.id, base: x });
      continue;
    }
    const score = v[`score-${i}`]?.trim();
    // A measure corrected keeps what the form does not show (its items, difficulty, acknowledgement).
    const record = { ...x, id: x?.id ?? newId(), courseId: session.courseId, sessionId: session.id, instrument: i, date: session.date } as Measure;
    record.score = score ? (i === 'other' ? Number(score) : toInt(score)) : NaN;
    delete record.version;
    delete record.label;
    if (i === 'HAM-D') record.version = Number(v.version || 17) as HamdVersion;
    if (i === 'other' && v.label) record.label = v.label;
    if (!x || !same(x, record)) changes.push({ op: 'put', entity: 'measure', record, ...(x ? { base: x } : {}) });
  }
  return changes;
}
