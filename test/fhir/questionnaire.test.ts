import { expect } from '@open-wc/testing';
import { EXTENSIONS, fromFhirBundle, LOINC, toFhirBundle } from '../../src/fhir/index.js';
import { questionnaireDocument, refusal, viaJson } from './fixtures.js';
import { issuesOf, loadDefinitions } from './validator.js';

type Any = Record<string, any>;
const bundle = (type: 'collection' | 'transaction' = 'collection'): Any => viaJson(toFhirBundle(questionnaireDocument(), { type })) as Any;
const observations = (b: Any): Any[] => b.entry.map((e: Any) => e.resource).filter((r: Any) => r.resourceType === 'Observation');
const loincOf = (concept: Any) => concept.coding.find((c: Any) => c.system === LOINC)?.code;
const ABSENT = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'unknown' }] };

describe('FHIR: questionnaires item by item (issue 20)', () => {
  for (const type of ['collection', 'transaction'] as const) {
    it(`gives back each instrument's items, missing items, difficulty and acknowledgement exactly (${type})`, () => {
      const doc = questionnaireDocument();
      const back = fromFhirBundle(viaJson(toFhirBundle(doc, { type })));
      expect(back).to.deep.equal(doc);
      expect(back.measures[0]).to.deep.include({ items: [1, 0, 2, 3, null, 1, 0, 0, 1], difficulty: 2, acknowledged: { at: '2026-01-05T10:15:00.000Z', by: 'Practitioner/7' } });
      expect(back.measures[1]).to.deep.include({ items: [0, 1, 2, 3, 0, 1, 2], difficulty: 3 });
      expect(back.measures[2]).to.deep.include({ items: [0, 1, 3, 0, 2, 1, 0, 0, 0, 1], acknowledged: { at: '2026-01-12 10:15:00+0100', by: 'Dr Lee' } });
      expect(back.measures[3]!.acknowledged).to.deep.equal({ at: '2026-02-09T09:00:00Z', by: '' });
    });
  }

  it('writes PHQ-9 as its LOINC panel: items as components with LOINC answers, the missing item absent, difficulty apart, the total as the value', () => {
    const [phq] = observations(bundle());
    expect(loincOf(phq.code)).to.equal('44249-1');
    expect(phq.valueQuantity.value).to.equal(9);
    expect(phq.component.map((c: Any) => loincOf(c.code))).to.deep.equal(['44250-9', '44255-8', '44259-0', '44254-1', '44251-7', '44258-2', '44252-5', '44253-3', '44260-8', '69722-7', '44261-6']);
    expect(phq.component.slice(0, 4).map((c: Any) => loincOf(c.valueCodeableConcept))).to.deep.equal(['LA6569-3', 'LA6568-5', 'LA6570-1', 'LA6571-9']);
    expect(phq.component[4]).to.deep.equal({ code: { coding: [{ system: LOINC, code: '44251-7' }] }, dataAbsentReason: ABSENT });
    // Difficulty 2 is "Very difficult" (LA6575-0 in LOINC's list LL359-1).
    expect(loincOf(phq.component[9].valueCodeableConcept)).to.equal('LA6575-0');
    // The total under its own code as well (44261-6), the same as the value.
    expect(phq.component[10].valueQuantity).to.deep.equal(phq.valueQuantity);
    const ack = phq.extension.find((x: Any) => x.url === EXTENSIONS.acknowledged);
    expect(ack.extension).to.deep.equal([
      { url: 'at', valueDateTime: '2026-01-05T10:15:00.000Z' },
      { url: 'by', valueReference: { reference: 'Practitioner/7' } },
    ]);
  });

  it('writes GAD-7 with LOINC item components and its difficulty, and EPDS its items, in the items extension', () => {
    const [, gad, epds] = observations(bundle());
    expect(loincOf(gad.code)).to.equal('69737-5');
    expect(gad.component.map((c: Any) => loincOf(c.code))).to.deep.equal(['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7', '70274-6']);
    expect(gad.extension.find((x: Any) => x.url === EXTENSIONS.items).extension).to.deep.equal([{ url: 'difficulty', valueInteger: 3 }]);
    expect(loincOf(epds.code)).to.equal('71354-5');
    expect(epds.component.map((c: Any) => [loincOf(c.code), c.valueQuantity.value])).to.deep.equal([['99046-5', 8]]);
    expect(epds.extension.find((x: Any) => x.url === EXTENSIONS.items).extension.map((x: Any) => x.valueInteger)).to.deep.equal([0, 1, 3, 0, 2, 1, 0, 0, 0, 1]);
    expect(epds.extension.find((x: Any) => x.url === EXTENSIONS.acknowledged).extension).to.deep.equal([
      { url: 'at', valueString: '2026-01-12 10:15:00+0100' },
      { url: 'by', valueReference: { display: 'Dr Lee' } },
    ]);
  });

  it('reads items given as points and a missing component as not answered', () => {
    const b = bundle();
    const [phq] = observations(b);
    phq.component[0] = { code: phq.component[0].code, valueInteger: 1 };
    phq.component.splice(4, 1);
    expect(fromFhirBundle(b).measures[0]!.items).to.deep.equal([1, 0, 2, 3, null, 1, 0, 0, 1]);
  });

  it('refuses a bad component, naming it', () => {
    const cases: Array<[(o: Any) => void, RegExp, string]> = [
      [(o) => (o.component[2].code.coding[0].code = '12345-6'), /has a component that is not an item of PHQ-9 \(by its LOINC code\)$/, 'component.2.code'],
      [(o) => (o.component[1].valueCodeableConcept.coding[0].code = 'LA6575-0'), /whose answer is not a LOINC answer of that item$/, 'component.1.valueCodeableConcept'],
      [(o) => (o.component[9].valueCodeableConcept.coding[0].code = 'LA6571-9'), /whose answer is not a LOINC answer of that item$/, 'component.9.valueCodeableConcept'],
      [(o) => o.component.push(o.component[3]), /has two components for one item$/, 'component.11'],
      [(o) => o.component.push(o.component[10]), /has two components for the total$/, 'component.11'],
      [(o) => (o.component[10].valueQuantity.value = 10), /has a total component that is not its value$/, 'component.10.valueQuantity'],
      [(o) => (o.component[0] = { code: o.component[0].code, valueString: 'often' }), /with no LOINC answer, points or data-absent reason$/, 'component.0'],
      [(o) => (o.component[0] = { code: o.component[0].code, valueInteger: 1.5 }), /whose points are not a whole number$/, 'component.0.valueInteger'],
      [(o) => o.extension.push({ url: EXTENSIONS.items, extension: [{ url: 'item', valueInteger: 1 }] }), /both as components and in the items extension$/, 'extension'],
    ];
    for (const [breakIt, message, path] of cases) {
      const b = bundle();
      const phq = observations(b)[0];
      breakIt(phq);
      const error = refusal(() => fromFhirBundle(b));
      expect(error.message, message.source).to.match(message);
      expect(error.message).to.match(/^Invalid FHIR bundle: entry \d+ \(Observation\) /);
      expect(error.field).to.match(new RegExp(`^entry\\.\\d+\\.resource\\.${path.replace(/\./g, '\\.')}$`));
    }
    // Points that do not fit the item are the document's refusal, naming the record.
    const b = bundle();
    observations(b)[0].component[0] = { code: observations(b)[0].component[0].code, valueInteger: 7 };
    expect(refusal(() => fromFhirBundle(b)).message).to.match(/\(Observation\) does not make a valid record: .*items/);
  });

  it('refuses EPDS items in the extension that are neither points nor unanswered', () => {
    const b = bundle();
    observations(b)[2].extension.find((x: Any) => x.url === EXTENSIONS.items).extension[0] = { url: 'item', valueString: 'no' };
    expect(refusal(() => fromFhirBundle(b)).message).to.match(/\(Observation\) does not make a valid record: .*items/);
  });
});

const responses = (b: Any): Any[] => b.entry.map((e: Any) => e.resource).filter((r: Any) => r.resourceType === 'QuestionnaireResponse');
const entryOf = (b: Any, resource: Any) => b.entry.find((e: Any) => e.resource === resource);

describe('FHIR: each questionnaire taken item by item is also a QuestionnaireResponse (issue 20)', () => {
  it('writes the response before its Observation, which is derived from it: the LOINC form, LOINC answers, completed, the patient, the date and the session', () => {
    const b = bundle();
    const [phq, gad, epds] = responses(b);
    const [phqObs, gadObs, epdsObs] = observations(b);
    expect(b.entry.indexOf(entryOf(b, phq)), 'before its Observation').to.equal(b.entry.indexOf(entryOf(b, phqObs)) - 1);
    expect(phqObs.derivedFrom).to.deep.equal([{ reference: entryOf(b, phq).fullUrl, type: 'QuestionnaireResponse' }]);
    expect([phq.questionnaire, phq.status, phq.authored, phq.subject, phq.encounter]).to.deep.equal(['http://loinc.org/q/44249-1', 'completed', phqObs.effectiveDateTime, phqObs.subject, phqObs.encounter]);
    // Items 1-4 answered 1, 0, 2, 3; item 5 not answered (left out); difficulty 2, "Very difficult".
    expect(phq.item.map((i: Any) => [i.linkId, i.answer.map((a: Any) => `${a.valueCoding.system}|${a.valueCoding.code}`)])).to.deep.equal([
      ['/44250-9', [`${LOINC}|LA6569-3`]],
      ['/44255-8', [`${LOINC}|LA6568-5`]],
      ['/44259-0', [`${LOINC}|LA6570-1`]],
      ['/44254-1', [`${LOINC}|LA6571-9`]],
      ['/44258-2', [`${LOINC}|LA6569-3`]],
      ['/44252-5', [`${LOINC}|LA6568-5`]],
      ['/44253-3', [`${LOINC}|LA6568-5`]],
      ['/44260-8', [`${LOINC}|LA6569-3`]],
      ['/69722-7', [`${LOINC}|LA6575-0`]],
    ]);
    expect(gad.questionnaire).to.equal('http://loinc.org/q/69737-5');
    expect(gad.item.map((i: Any) => i.linkId)).to.deep.equal(['/69725-0', '/68509-9', '/69733-4', '/69734-2', '/69735-9', '/69689-8', '/69736-7']);
    expect(gadObs.derivedFrom[0].reference).to.equal(entryOf(b, gad).fullUrl);
    // EPDS's item codes were not verified: no LOINC form is claimed, its items by number with their points.
    expect(epds.questionnaire).to.equal('https://ipt-elements.dev/fhir/Questionnaire/EPDS');
    expect(epds.item.map((i: Any) => [i.linkId, i.answer[0].valueInteger])).to.deep.equal([0, 1, 3, 0, 2, 1, 0, 0, 0, 1].map((x, i) => [String(i + 1), x]));
    expect(epdsObs.derivedFrom[0].reference).to.equal(entryOf(b, epds).fullUrl);
    // A measure given as a total only has no response.
    expect(observations(b).filter((o) => !o.derivedFrom).length).to.equal(observations(b).length - 4);
  });

  it('imports an export made before responses (none, nothing derived) as the same course', () => {
    const b = bundle();
    b.entry = b.entry.filter((e: Any) => e.resource.resourceType !== 'QuestionnaireResponse');
    for (const o of observations(b)) delete o.derivedFrom;
    expect(fromFhirBundle(b)).to.deep.equal(questionnaireDocument());
  });

  it('refuses a response that does not agree with its measure, or that no measure names, naming it', () => {
    const cases: Array<[string, (b: Any) => void, string]> = [
      ['another answer', (b) => (responses(b)[0].item[0].answer[0].valueCoding.code = 'LA6571-9'), 'item'],
      ['an item left out', (b) => responses(b)[0].item.pop(), 'item'],
      ['another questionnaire', (b) => (responses(b)[0].questionnaire = 'http://loinc.org/q/69737-5'), 'questionnaire'],
      ['in progress', (b) => (responses(b)[0].status = 'in-progress'), 'status'],
      ['another date', (b) => (responses(b)[0].authored = '2020-01-01'), 'authored'],
    ];
    for (const [what, change, field] of cases) {
      const b = bundle();
      change(b);
      const error = refusal(() => fromFhirBundle(b));
      expect(error.message, what).to.match(/\(QuestionnaireResponse\) does not agree with its measure's Observation: /);
      expect(error.field, what).to.match(/^entry\.\d+\.resource\./);
      expect(error.field!.endsWith(`.resource.${field}`), `${what}: ${error.field}`).to.equal(true);
    }
    const orphan = bundle();
    delete observations(orphan)[0].derivedFrom;
    expect(refusal(() => fromFhirBundle(orphan)).message).to.contain("no measure's Observation names");
    const other = bundle();
    observations(other)[0].derivedFrom = [{ reference: entryOf(other, responses(other)[1]).fullUrl }];
    expect(refusal(() => fromFhirBundle(other)).message).to.contain('names the QuestionnaireResponse of another measure');
  });
});

describe('FHIR: questionnaires item by item pass R4 validation (@medplum/core)', function () {
  this.timeout(60000);
  before(async function () {
    this.timeout(180000);
    await loadDefinitions();
  });

  for (const type of ['collection', 'transaction'] as const) {
    it(`passes for every Observation with items, difficulty and acknowledgement (${type})`, () => {
      for (const o of observations(bundle(type))) expect(issuesOf(o), JSON.stringify(o.code)).to.deep.equal([]);
    });
    it(`passes for every QuestionnaireResponse (${type})`, () => {
      const found = responses(bundle(type));
      expect(found.length).to.equal(4);
      for (const r of found) expect(issuesOf(r), r.questionnaire).to.deep.equal([]);
      // Medplum's validator lets a list pass where R4 allows one (QuestionnaireResponse.identifier is 0..1); the server refuses it.
      for (const r of found) expect(Array.isArray(r.identifier), 'one identifier, not a list').to.equal(false);
    });
  }

  it('catches a component without a code', () => {
    const [phq] = observations(bundle());
    delete phq.component[0].code;
    expect(issuesOf(phq).some((i) => i.severity === 'error')).to.equal(true);
  });
});
