/** The initial phase's rules: focus suggestions from the inventory, the deficits rule, the formulation's history, protocol presets. */
import { expect } from '@open-wc/testing';
import {
  IptError,
  PRESETS,
  PROTOCOLS,
  areasOffered,
  deficitsWarnings,
  firstStage,
  focusSuggestions,
  formulationAgreed,
  initialPhaseGaps,
  measureDue,
  presetOf,
  reviseFormulation,
  startCourse,
  validate,
  type Person,
} from '../../src/model/index.js';

const person = (id: string, extra: Partial<Person> = {}): Person => validate('person', { id, courseId: 'c1', name: id, ring: 2, ...extra });
const dispute = (id: string, personId: string, extra = {}) =>
  validate('dispute', { id, courseId: 'c1', personId, stage: 'impasse', history: firstStage('impasse', { date: '2026-01-05' }), ...extra });

describe('focus suggestions from the inventory', () => {
  it('suggests nothing before the inventory holds anyone', () => {
    expect(focusSuggestions([], [])).to.deep.equal([]);
  });

  it('gives each area its reason and the people behind it', () => {
    const people = [
      person('mum', { deceased: true, changedNearOnset: true, contact: 'never' }),
      person('gran', { deceased: true, changedNearOnset: false }),
      person('boss', { changedNearOnset: true, contact: 'daily' }),
      person('partner', { contact: 'daily' }),
    ];
    const disputes = [dispute('d1', 'partner'), dispute('d2', 'partner'), dispute('d3', 'boss', { outcome: 'resolved', closed: '2026-02-01' })];
    expect(focusSuggestions(people, disputes)).to.deep.equal([
      { area: 'grief', reason: 'death-near-onset', people: ['mum'] },
      { area: 'role-dispute', reason: 'open-dispute', people: ['partner'] },
      { area: 'role-transition', reason: 'changed-near-onset', people: ['boss'] },
    ]);
  });

  it('suggests interpersonal deficits for few people, none in touch weekly or more', () => {
    expect(focusSuggestions([person('a', { contact: 'monthly' }), person('b')], []).map((s) => s.reason)).to.deep.equal(['isolated']);
    // Weekly contact, or more than three living people, is not isolation.
    expect(focusSuggestions([person('a', { contact: 'weekly' })], [])).to.deep.equal([]);
    expect(focusSuggestions(['a', 'b', 'c', 'd'].map((id) => person(id, { contact: 'yearly' })), [])).to.deep.equal([]);
  });
});

describe('the interpersonal-deficits rule', () => {
  it('asks to confirm deficits with another area, or while a person died near the onset', () => {
    const dead = [person('mum', { deceased: true, changedNearOnset: true })];
    expect(deficitsWarnings(['interpersonal-deficits'], [])).to.deep.equal([]);
    expect(deficitsWarnings(['grief'], dead)).to.deep.equal([]);
    expect(deficitsWarnings(['grief', 'interpersonal-deficits'], [])).to.deep.equal(['with-other-area']);
    expect(deficitsWarnings(['interpersonal-deficits'], dead)).to.deep.equal(['death-near-onset']);
    expect(deficitsWarnings(['role-dispute', 'interpersonal-deficits'], dead)).to.deep.equal(['with-other-area', 'death-near-onset']);
  });
});

describe('the formulation', () => {
  it('keeps each change of its text with the date, before and after', () => {
    const first = reviseFormulation(undefined, 'Low mood since the move', undefined, '2026-01-12');
    expect(first).to.deep.equal({ text: 'Low mood since the move', history: [] });
    const agreed = reviseFormulation(first, 'Low mood since the move', '2026-01-19', '2026-01-19');
    expect(agreed).to.deep.equal({ text: 'Low mood since the move', agreed: '2026-01-19', history: [] });
    const changed = reviseFormulation(agreed, 'Low mood since the move and the loss of friends', '2026-01-19', '2026-01-26');
    expect(changed.history).to.deep.equal([{ date: '2026-01-26', before: 'Low mood since the move', after: 'Low mood since the move and the loss of friends' }]);
    expect(validate('course', { id: 'c1', contract: { sessions: 12 }, formulation: changed }).formulation).to.deep.equal(changed);
  });

  it('counts as agreed only when agreed and not changed after the agreement', () => {
    expect(formulationAgreed(undefined)).to.equal(false);
    expect(formulationAgreed({ text: 'x', history: [] })).to.equal(false);
    expect(formulationAgreed({ text: 'x', agreed: '2026-01-19', history: [] })).to.equal(true);
    expect(formulationAgreed({ text: 'y', agreed: '2026-01-19', history: [{ date: '2026-01-19', before: 'x', after: 'y' }] })).to.equal(true);
    expect(formulationAgreed({ text: 'y', agreed: '2026-01-19', history: [{ date: '2026-01-26', before: 'x', after: 'y' }] })).to.equal(false);
  });

  it('names what the initial phase lacks: a focus, an agreed formulation', () => {
    expect(initialPhaseGaps({ focus: [] })).to.deep.equal(['focus', 'formulation']);
    expect(initialPhaseGaps({ focus: ['grief'], formulation: { text: 'x', agreed: '2026-01-19', history: [] } })).to.deep.equal([]);
  });

  it('refuses a formulation without text, a bad agreement date, a diagnosis without words', () => {
    const bad = (course: object) => {
      try {
        validate('course', { id: 'c1', contract: { sessions: 12 }, ...course });
      } catch (e) {
        expect(e).to.be.instanceOf(IptError);
        return (e as IptError).field;
      }
      throw new Error('accepted');
    };
    expect(bad({ formulation: { text: '  ' } })).to.equal('formulation.text');
    expect(bad({ formulation: { text: 'x', agreed: '2026-02-30' } })).to.equal('formulation.agreed');
    expect(bad({ diagnosis: { text: '' } })).to.equal('diagnosis.text');
    expect(bad({ sickRole: { date: 'soon' } })).to.equal('sickRole.date');
    expect(bad({ protocol: 'freud' })).to.equal('protocol');
  });
});

describe('protocol presets', () => {
  it('leave the defaults as they were when no protocol is set', () => {
    expect(startCourse('c1', undefined)).to.deep.equal(validate('course', { id: 'c1', contract: { sessions: 16 } }));
    expect(presetOf(undefined).measureEvery).to.equal(undefined);
  });

  it('set the contract, phases and areas a manual prescribes', () => {
    expect(startCourse('c1', 'iptuk').phases.initial).to.equal(4);
    expect(startCourse('c1', 'counselling').contract.sessions).to.equal(6);
    expect(startCourse('c1', 'who-group')).to.include({ protocol: 'who-group' });
    expect(startCourse('c1', 'who-group').contract.sessions).to.equal(8);
    expect(startCourse('c1', 'ipt-a').contract.sessions).to.equal(12);
    expect(PRESETS['who-group'].vocabulary).to.equal('who');
    expect(areasOffered({ protocol: 'stuart-robertson', focus: [] })).to.deep.equal(['grief', 'role-dispute', 'role-transition']);
    // An area the course holds stays offered.
    expect(areasOffered({ protocol: 'stuart-robertson', focus: ['interpersonal-deficits'] })).to.have.length(4);
    for (const p of PROTOCOLS) expect(() => validate('course', startCourse('c1', p)), p).not.to.throw();
  });

  it('schedule measures at intake and every 4 sessions where a preset says so', () => {
    expect([1, 2, 4, 5, 9].map((n) => measureDue({ protocol: 'acute' }, n))).to.deep.equal([true, false, false, true, true]);
    expect(measureDue({}, 1)).to.equal(false);
  });
});
