/** English strings of the <ipt-formulation> element and of the protocol presets (area names come from en.ts). */
export const formulation = {
  label: 'Initial phase',
  protocol: (name: string) => `Protocol: ${name}`,
  noProtocol: 'No protocol set: the common defaults of IPT.',
  /** The settings of a preset that no source of ours states (Preset.check). */
  toCheck: (what: string) => `To check with a clinician (not stated in our sources): ${what}.`,
  checkNames: {
    contract: 'the number of sessions',
    phases: 'the phase ranges',
    areas: 'which problem areas',
    vocabulary: 'the names of the problem areas',
    measureEvery: 'the measure schedule',
    cadence: 'the maintenance cadence',
    caregiver: 'the sessions a caregiver joins',
    preGroup: 'the individual pre-group meetings',
  } as Record<string, string>,
  protocols: {
    acute: 'Acute IPT (Weissman, Markowitz and Klerman)',
    iptuk: 'IPTUK',
    counselling: 'Interpersonal counselling',
    'who-group': 'Group IPT (WHO)',
    'ipt-a': 'IPT for adolescents (IPT-A)',
    'stuart-robertson': 'IPT (Stuart and Robertson)',
  },
  /** A line on what the protocol adds that no field holds. */
  protocolNote: {
    'who-group': 'Individual pre-group meetings come before the group sessions.',
    'ipt-a': 'A caregiver joins at set points of the course.',
  } as Record<string, string>,
  measureEvery: (n: number) => `A symptom measure at intake and every ${n} sessions.`,
  gaps: (focus: boolean, formulation: boolean): string =>
    focus && formulation ? 'Still to agree: the focus and the formulation.' : focus ? 'Still to agree: the focus.' : formulation ? 'Still to agree: the formulation.' : 'Focus and formulation agreed.',

  diagnosis: 'Diagnosis',
  noDiagnosis: 'No diagnosis recorded yet.',
  diagnosisText: 'Diagnosis given to the patient',
  linked: 'Linked to the diagnosis in the health record.',
  editDiagnosis: 'Record the diagnosis',

  sickRole: 'Sick role',
  noSickRole: 'The sick role has not been given yet.',
  sickRoleGiven: (date: string) => `Given on ${date}`,
  sickRoleDate: 'Date given',
  note: 'Note',
  editSickRole: 'Record the sick role',

  focus: 'Focus',
  noFocus: 'No problem area chosen yet.',
  areas: 'Problem areas (one, at most two)',
  chooseFocus: 'Choose the focus',
  suggestions: 'Suggested by the interpersonal inventory',
  noSuggestions: 'The inventory suggests no problem area yet.',
  reason: {
    'death-near-onset': (names: string) => `${names}: died near the onset of the symptoms`,
    'open-dispute': (names: string) => `An open dispute with ${names}`,
    'changed-near-onset': (names: string) => `${names}: the relationship changed near the onset`,
    isolated: () => 'Few people in the inventory, none in touch weekly or more',
  },
  tooMany: 'Choose at most two problem areas.',
  warning: {
    'with-other-area': 'The manual keeps interpersonal deficits for when no other problem area applies, and another area is chosen with it.',
    'death-near-onset': 'A person of the inventory died near the onset: the manual reads this as grief, not deficits.',
  },
  confirm: 'I have weighed this and confirm interpersonal deficits as a focus',

  formulation: 'Interpersonal formulation',
  noFormulation: 'No formulation written yet.',
  formulationText: 'Formulation: how the symptoms link to the problem area',
  agreedOn: 'Date the patient agreed to it',
  agreed: (date: string) => `The patient agreed to it on ${date}.`,
  notAgreed: 'The patient has not agreed to it yet.',
  changedSince: (date: string) => `Changed since the patient agreed on ${date}: agree it again.`,
  editFormulation: 'Write the formulation',
  changes: (n: number) => `Changes (${n})`,
  change: (date: string) => `${date}:`,
  before: 'Before',
  after: 'After',
  saved: (what: string) => `${what} saved.`,
};

/** The WHO group manual's names of the problem areas. */
export const areaWho = {
  grief: 'Grief',
  'role-dispute': 'Disputes',
  'role-transition': 'Life changes',
  'interpersonal-deficits': 'Loneliness',
};
