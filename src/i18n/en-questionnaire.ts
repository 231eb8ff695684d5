import type { Questionnaire } from '../model/questionnaires.js';

/**
 * The published wording of an instrument, reproduced exactly: never reworded, never translated
 * here. A language holds only the instruments of which it has a validated text.
 */
export interface Wording {
  title: string;
  /** The instruction above the items. */
  stem: string;
  items: readonly string[];
  /** The answers of every item, or per item (EPDS), in the order of the published form. */
  options: readonly string[] | ReadonlyArray<readonly string[]>;
  /** The functional-difficulty question and its answers (PHQ-9, GAD-7). */
  difficulty?: { question: string; options: readonly string[] };
  /** The source the form asks to be cited with it. */
  source: string;
}

const FREQUENCY = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'];
const PFIZER =
  'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.';
const DIFFICULTY = ['Not difficult at all', 'Somewhat difficult', 'Very difficult', 'Extremely difficult'];

/**
 * English texts. PHQ-9 and GAD-7: the Pfizer forms (phqscreeners.com), as the PHQ-9 form reproduces
 * them and Spitzer et al. 2006 lists the GAD-7 items. EPDS: Cox, Holden and Sagovsky 1987, in the
 * form that is handed out ("As you are pregnant or have recently had a baby").
 */
export const INSTRUMENTS_EN: Partial<Record<Questionnaire, Wording>> = {
  'PHQ-9': {
    title: 'Patient Health Questionnaire-9 (PHQ-9)',
    stem: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    items: [
      'Little interest or pleasure in doing things',
      'Feeling down, depressed, or hopeless',
      'Trouble falling or staying asleep, or sleeping too much',
      'Feeling tired or having little energy',
      'Poor appetite or overeating',
      'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
      'Trouble concentrating on things, such as reading the newspaper or watching television',
      'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
      'Thoughts that you would be better off dead or of hurting yourself in some way',
    ],
    options: FREQUENCY,
    difficulty: {
      question: 'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
      options: DIFFICULTY,
    },
    source: PFIZER,
  },
  'GAD-7': {
    title: 'Generalized Anxiety Disorder 7-item (GAD-7) scale',
    stem: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
    items: [
      'Feeling nervous, anxious, or on edge',
      'Not being able to stop or control worrying',
      'Worrying too much about different things',
      'Trouble relaxing',
      'Being so restless that it is hard to sit still',
      'Becoming easily annoyed or irritable',
      'Feeling afraid as if something awful might happen',
    ],
    options: FREQUENCY,
    difficulty: {
      question: 'If you checked off any problems, how difficult have these made it for you to do your work, take care of things at home, or get along with other people?',
      options: DIFFICULTY,
    },
    source: PFIZER,
  },
  EPDS: {
    title: 'Edinburgh Postnatal Depression Scale (EPDS)',
    stem: 'As you are pregnant or have recently had a baby, we would like to know how you are feeling. Please check the answer that comes closest to how you have felt IN THE PAST 7 DAYS, not just how you feel today. In the past 7 days:',
    items: [
      'I have been able to laugh and see the funny side of things',
      'I have looked forward with enjoyment to things',
      'I have blamed myself unnecessarily when things went wrong',
      'I have been anxious or worried for no good reason',
      'I have felt scared or panicky for no very good reason',
      'Things have been getting on top of me',
      'I have been so unhappy that I have had difficulty sleeping',
      'I have felt sad or miserable',
      'I have been so unhappy that I have been crying',
      'The thought of harming myself has occurred to me',
    ],
    options: [
      ['As much as I always could', 'Not quite so much now', 'Definitely not so much now', 'Not at all'],
      ['As much as I ever did', 'Rather less than I used to', 'Definitely less than I used to', 'Hardly at all'],
      ['Yes, most of the time', 'Yes, some of the time', 'Not very often', 'No, never'],
      ['No, not at all', 'Hardly ever', 'Yes, sometimes', 'Yes, very often'],
      ['Yes, quite a lot', 'Yes, sometimes', 'No, not much', 'No, not at all'],
      [
        'Yes, most of the time I haven’t been able to cope at all',
        'Yes, sometimes I haven’t been coping as well as usual',
        'No, most of the time I have coped quite well',
        'No, I have been coping as well as ever',
      ],
      ['Yes, most of the time', 'Yes, sometimes', 'Not very often', 'No, not at all'],
      ['Yes, most of the time', 'Yes, quite often', 'Not very often', 'No, not at all'],
      ['Yes, most of the time', 'Yes, quite often', 'Only occasionally', 'No, never'],
      ['Yes, quite often', 'Sometimes', 'Hardly ever', 'Never'],
    ],
    source:
      'Source: Cox, J.L., Holden, J.M., and Sagovsky, R. 1987. Detection of postnatal depression: Development of the 10-item Edinburgh Postnatal Depression Scale. British Journal of Psychiatry 150:782-786.',
  },
};

/** English strings of the <ipt-questionnaire> element (the instruments' wording is INSTRUMENTS_EN). */
export const questionnaire = {
  label: 'Questionnaire',
  instruments: INSTRUMENTS_EN,
  noInstrument: 'Set the instrument attribute to PHQ-9, GAD-7 or EPDS.',
  notAvailable: (instrument: string) => `The ${instrument} is not available in this language: no validated translation of it is included.`,
  date: 'Date',
  session: 'Session',
  noSession: 'No session',
  sessionOption: (n: number | undefined, date: string) => (n ? `Session ${n} (${date})` : `Session of ${date}`),
  item: (n: number) => `Item ${n}`,
  total: (score: number, max: number) => `Total ${score} of ${max}`,
  noTotal: 'No total yet',
  rule: {
    'PHQ-9': 'One or two items left unanswered are given the mean of the answered items; with more than two missing there is no total (NHS Data Dictionary).',
    'GAD-7': 'Every item must be answered for a total.',
    EPDS: 'Every item must be answered for a total.',
  } as Record<Questionnaire, string>,
  prorated: (missing: number) => `${missing === 1 ? '1 item' : `${missing} items`} not answered: counted at the mean of the others.`,
  tooFew: 'Too many items unanswered for a total: answer more items to save.',
  save: 'Save answers',
  saved: (instrument: string, score: number) => `Saved: ${instrument} total ${score}.`,
  latest: (instrument: string, date: string) => `Last ${instrument}: ${date}`,
  notAnswered: 'Not answered',
  progress: (answered: number, total: number) => `${answered} of ${total} answered`,
  back: 'Back',
  next: 'Next',
  reviewButton: 'Review answers',
  reviewTitle: 'Review your answers',
  change: 'Change',
  changeItem: (n: number) => `Change the answer to question ${n}`,
  send: 'Send answers',
  thanks: 'Thank you: your answers were sent to your clinician.',
  patientRisk: 'Your clinician will see your answer about thoughts of hurting yourself. If you are in danger now, get help straight away.',
  emergency: 'Call your local emergency number.',
  risk: {
    title: 'Safety item answered above 0',
    body: (instrument: string, item: number, date: string, answer: string) => `${instrument} of ${date}, item ${item}: “${answer}”.`,
    acknowledge: 'Acknowledge',
    acknowledgeOne: (instrument: string, date: string) => `Acknowledge the safety alert of the ${instrument} of ${date}`,
    acknowledged: (when: string) => `Safety alert acknowledged ${when}.`,
  },
};
