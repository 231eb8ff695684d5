import type { Questionnaire } from '../model/questionnaires.js';
import type { questionnaire as en } from './en-questionnaire.js';

/**
 * Español del elemento <ipt-questionnaire>. Ningún instrumento en español todavía: solo se incluirá
 * una versión validada reproducida exactamente, nunca una traducción propia. Hasta entonces el
 * elemento dice que el instrumento no está disponible en español.
 */
export const questionnaire: typeof en = {
  label: 'Cuestionario',
  instruments: {},
  noInstrument: 'Indique en el atributo instrument PHQ-9, GAD-7 o EPDS.',
  notAvailable: (instrument: string) => `El ${instrument} no está disponible en español: no se incluye ninguna traducción validada.`,
  date: 'Fecha',
  session: 'Sesión',
  noSession: 'Sin sesión',
  sessionOption: (n: number | undefined, date: string) => (n ? `Sesión ${n} (${date})` : `Sesión del ${date}`),
  item: (n: number) => `Pregunta ${n}`,
  total: (score: number, max: number) => `Total ${score} de ${max}`,
  noTotal: 'Todavía sin total',
  rule: {
    'PHQ-9': 'A una o dos preguntas sin respuesta se les da la media de las respondidas; con más de dos sin respuesta no hay total (NHS Data Dictionary).',
    'GAD-7': 'Para un total hay que responder todas las preguntas.',
    EPDS: 'Para un total hay que responder todas las preguntas.',
  } as Record<Questionnaire, string>,
  prorated: (missing: number) => `${missing === 1 ? '1 pregunta' : `${missing} preguntas`} sin respuesta: cuentan con la media de las demás.`,
  tooFew: 'Demasiadas preguntas sin respuesta para un total: responda más para guardar.',
  save: 'Guardar respuestas',
  saved: (instrument: string, score: number) => `Guardado: ${instrument}, total ${score}.`,
  latest: (instrument: string, date: string) => `Último ${instrument}: ${date}`,
  notAnswered: 'Sin respuesta',
  progress: (answered: number, total: number) => `${answered} de ${total} respondidas`,
  back: 'Atrás',
  next: 'Siguiente',
  reviewButton: 'Revisar las respuestas',
  reviewTitle: 'Revise sus respuestas',
  change: 'Cambiar',
  changeItem: (n: number) => `Cambiar la respuesta a la pregunta ${n}`,
  send: 'Enviar las respuestas',
  thanks: 'Gracias: sus respuestas se enviaron a su terapeuta.',
  patientRisk: 'Su terapeuta verá su respuesta sobre pensamientos de hacerse daño. Si está en peligro ahora, pida ayuda de inmediato.',
  emergency: 'Llame al número de emergencias de su zona.',
  risk: {
    title: 'Pregunta de seguridad respondida por encima de 0',
    body: (instrument: string, item: number, date: string, answer: string) => `${instrument} del ${date}, pregunta ${item}: «${answer}».`,
    acknowledge: 'Confirmar que se ha visto',
    acknowledgeOne: (instrument: string, date: string) => `Confirmar que se ha visto el aviso de seguridad del ${instrument} del ${date}`,
    acknowledged: (when: string) => `Aviso de seguridad confirmado ${when}.`,
  },
};
