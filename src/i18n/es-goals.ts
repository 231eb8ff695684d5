import type { Messages } from './en.js';

/** Los códigos FHIR de Goal (lifecycleStatus y achievementStatus) en español. */
const CODES: Record<string, string> = {
  proposed: 'Propuesto',
  planned: 'Planificado',
  accepted: 'Aceptado',
  active: 'Activo',
  'on-hold': 'En pausa',
  completed: 'Completado',
  cancelled: 'Cancelado',
  'entered-in-error': 'Registrado por error',
  rejected: 'Rechazado',
  'in-progress': 'En curso',
  improving: 'Mejorando',
  worsening: 'Empeorando',
  'no-change': 'Sin cambios',
  achieved: 'Logrado',
  sustaining: 'Se mantiene',
  'not-achieved': 'No logrado',
  'no-progress': 'Sin progreso',
  'not-attainable': 'No alcanzable',
};

/** Textos en español de <ipt-goal-checklist>. */
export const goals: Messages['goals'] = {
  label: 'Objetivos del tratamiento',
  of: (n, m) => `${n} de ${m} logrados`,
  review: 'El tratamiento está terminando: revise los objetivos con el paciente.',
  none: 'Todavía no hay objetivos.',
  goal: 'Objetivo',
  chooseArea: 'Elija un área problema',
  area: 'Área problema',
  target: 'Sesión prevista',
  targetOf: (n) => `previsto: sesión ${n}`,
  set: (date) => `fijado el ${date}`,
  achieved: (date) => `logrado el ${date}`,
  lifecycle: 'Estado',
  achievement: 'Logro',
  code: (code) => CODES[code] ?? code,
  up: 'Subir',
  down: 'Bajar',
  add: 'Añadir objetivo',
  what: (text) => `el objetivo «${text}»`,
  added: (what) => `Se añadió ${what}.`,
  moved: (n, m) => `Movido a la posición ${n} de ${m}`,
};
