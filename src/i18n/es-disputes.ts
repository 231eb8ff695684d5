import type { Messages } from './en.js';
import { circle } from './es-circle.js';

/** Textos en español de <ipt-dispute-tracker>. */
export const disputes: Messages['disputes'] = {
  label: 'Disputas de roles',
  stage: { renegotiation: 'Renegociación', impasse: 'Estancamiento', dissolution: 'Disolución' },
  aim: {
    renegotiation: 'Calmar y mejorar la comunicación para que ambas partes lleguen a una solución.',
    impasse: 'Devolver la disputa a la renegociación, a menudo haciendo explícito el desacuerdo, o considerar la disolución.',
    dissolution: 'Ayudar al paciente a elaborar la pérdida de la relación y a seguir adelante, como en el duelo; el terapeuta no empuja hacia ningún desenlace.',
  },
  outcome: { resolved: 'Resuelta', dissolved: 'Disuelta', unresolved: 'Sin resolver al final del tratamiento' },
  issue: 'Tema',
  patientExpects: 'Qué espera el paciente',
  otherExpects: 'Qué espera la otra persona',
  wantedChange: circle.wantedChange,
  obstacles: 'Qué impide una solución',
  stages: 'Etapa',
  none: 'Todavía no hay disputas de roles registradas.',
  unknown: 'No hay ninguna disputa con este identificador en el tratamiento.',
  add: 'Nueva disputa',
  person: 'Persona',
  newPerson: 'Alguien nuevo',
  moveTo: 'Mover a',
  moveStep: (stage) => `Mover a ${stage}`,
  reached: (name, stage) => `${name}: ahora en ${stage}`,
  date: 'Fecha',
  note: 'Nota',
  history: (n) => `Historial de etapas (${n})`,
  session: (n) => `sesión ${n}`,
  close: 'Cerrar la disputa',
  outcomeField: 'Resultado',
  reopen: 'Reabrir',
  closed: (outcome, date) => `Cerrada el ${date}: ${outcome}`,
  what: (name) => `la disputa con ${name}`,
};
