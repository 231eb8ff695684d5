import type { Messages } from './en.js';

/** Los textos de <ipt-formulation> y de los protocolos en español. */
export const formulation: Messages['formulation'] = {
  label: 'Fase inicial',
  protocol: (name: string) => `Protocolo: ${name}`,
  noProtocol: 'Sin protocolo: los valores habituales de la TIP.',
  toCheck: (what: string) => `Para revisar con un clínico (nuestras fuentes no lo indican): ${what}.`,
  checkNames: {
    contract: 'el número de sesiones',
    phases: 'los intervalos de las fases',
    areas: 'qué áreas problema',
    vocabulary: 'los nombres de las áreas problema',
    measureEvery: 'el calendario de medidas',
    cadence: 'la frecuencia del mantenimiento',
    caregiver: 'las sesiones a las que acude una persona cuidadora',
    preGroup: 'las reuniones individuales previas al grupo',
  },
  protocols: {
    acute: 'TIP aguda (Weissman, Markowitz y Klerman)',
    iptuk: 'IPTUK',
    counselling: 'Counselling interpersonal',
    'who-group': 'TIP grupal (OMS)',
    'ipt-a': 'TIP para adolescentes (TIP-A)',
    'stuart-robertson': 'TIP (Stuart y Robertson)',
  },
  protocolNote: {
    'who-group': 'Las reuniones individuales previas al grupo van antes de las sesiones de grupo.',
    'ipt-a': 'Una persona cuidadora acude en momentos fijados del tratamiento.',
  },
  measureEvery: (n: number) => `Una medida de síntomas al inicio y cada ${n} sesiones.`,
  gaps: (focus: boolean, formulation: boolean): string =>
    focus && formulation
      ? 'Falta acordar: el foco y la formulación.'
      : focus
        ? 'Falta acordar: el foco.'
        : formulation
          ? 'Falta acordar: la formulación.'
          : 'Foco y formulación acordados.',

  diagnosis: 'Diagnóstico',
  noDiagnosis: 'Todavía no se ha registrado un diagnóstico.',
  diagnosisText: 'Diagnóstico comunicado al paciente',
  linked: 'Vinculado al diagnóstico de la historia clínica.',
  editDiagnosis: 'Registrar el diagnóstico',

  sickRole: 'Rol de enfermo',
  noSickRole: 'Todavía no se ha dado el rol de enfermo.',
  sickRoleGiven: (date: string) => `Dado el ${date}`,
  sickRoleDate: 'Fecha en que se dio',
  note: 'Nota',
  editSickRole: 'Registrar el rol de enfermo',

  focus: 'Foco',
  noFocus: 'Todavía no se ha elegido un área problema.',
  areas: 'Áreas problema (una, como máximo dos)',
  chooseFocus: 'Elegir el foco',
  suggestions: 'Sugeridas por el inventario interpersonal',
  noSuggestions: 'El inventario todavía no sugiere ningún área problema.',
  reason: {
    'death-near-onset': (names: string) => `${names}: falleció cerca del inicio de los síntomas`,
    'open-dispute': (names: string) => `Una disputa abierta con ${names}`,
    'changed-near-onset': (names: string) => `${names}: la relación cambió cerca del inicio`,
    isolated: () => 'Pocas personas en el inventario, ninguna en contacto semanal o más frecuente',
  },
  tooMany: 'Elija como máximo dos áreas problema.',
  warning: {
    'with-other-area': 'El manual reserva los déficits interpersonales para cuando no se aplica ninguna otra área, y se ha elegido otra área con ellos.',
    'death-near-onset': 'Una persona del inventario falleció cerca del inicio: el manual lo entiende como duelo, no como déficits.',
  },
  confirm: 'Lo he valorado y confirmo los déficits interpersonales como foco',

  formulation: 'Formulación interpersonal',
  noFormulation: 'Todavía no se ha escrito una formulación.',
  formulationText: 'Formulación: cómo se relacionan los síntomas con el área problema',
  agreedOn: 'Fecha en que el paciente la aceptó',
  agreed: (date: string) => `El paciente la aceptó el ${date}.`,
  notAgreed: 'El paciente todavía no la ha aceptado.',
  changedSince: (date: string) => `Cambió después de que el paciente la aceptara el ${date}: vuelva a acordarla.`,
  editFormulation: 'Escribir la formulación',
  changes: (n: number) => `Cambios (${n})`,
  change: (date: string) => `${date}:`,
  before: 'Antes',
  after: 'Después',
  saved: (what: string) => `${what}: guardado.`,
};

export const areaWho: Messages['areaWho'] = {
  grief: 'Duelo',
  'role-dispute': 'Disputas',
  'role-transition': 'Cambios vitales',
  'interpersonal-deficits': 'Soledad',
};
