import { IptError } from './errors.js';
import { INSTRUMENT_RANGES, INSTRUMENTS, type Instrument, type Measure, type Session } from './schemas.js';

export type Severity =
  | 'minimal'
  | 'mild'
  | 'moderate'
  | 'moderately-severe'
  | 'severe'
  | 'below-threshold'
  | 'possible-depression'
  | 'probable-depression';

export interface Band {
  severity: Severity;
  min: number;
  max: number;
}

/**
 * Severity bands of the instruments that publish them (PHQ-9: Kroenke 2001; GAD-7: Spitzer 2006;
 * EPDS: Cox, Holden and Sagovsky 1987, 10-12 possible and 13 or more probable depression).
 */
export const SEVERITY_BANDS: Partial<Record<Instrument, readonly Band[]>> = {
  'PHQ-9': [
    { severity: 'minimal', min: 0, max: 4 },
    { severity: 'mild', min: 5, max: 9 },
    { severity: 'moderate', min: 10, max: 14 },
    { severity: 'moderately-severe', min: 15, max: 19 },
    { severity: 'severe', min: 20, max: 27 },
  ],
  'GAD-7': [
    { severity: 'minimal', min: 0, max: 4 },
    { severity: 'mild', min: 5, max: 9 },
    { severity: 'moderate', min: 10, max: 14 },
    { severity: 'severe', min: 15, max: 21 },
  ],
  EPDS: [
    { severity: 'below-threshold', min: 0, max: 9 },
    { severity: 'possible-depression', min: 10, max: 12 },
    { severity: 'probable-depression', min: 13, max: 30 },
  ],
};

/** The severity band of a score, or undefined for instruments without published bands here. */
export function severityOf(instrument: Instrument, score: number): Severity | undefined {
  return SEVERITY_BANDS[instrument]?.find((b) => score >= b.min && score <= b.max)?.severity;
}

/**
 * Throws `invalid-input` when a session that was not attended (cancelled or missed: nothing was
 * measured) would hold `measures` measures; `field` names the control at fault.
 */
export function checkSessionMeasures(session: Pick<Session, 'status'>, measures: number, field: string): void {
  if (session.status !== 'attended' && measures > 0) {
    throw new IptError('invalid-input', 'Invalid measure: a cancelled or missed session holds no measure', field);
  }
}

/** The index of the first measure taken at a visit that was not attended (cancelled or missed), or -1. */
export function measureOnMissedVisit(sessions: readonly Pick<Session, 'id' | 'status'>[], measures: readonly Pick<Measure, 'sessionId'>[]): number {
  const missed = new Set(sessions.filter((s) => s.status !== 'attended').map((s) => s.id));
  return measures.findIndex((m) => m.sessionId !== undefined && missed.has(m.sessionId));
}

/** The lowest and highest score an instrument allows. */
export function instrumentRange(instrument: Instrument): readonly [number, number] {
  return INSTRUMENT_RANGES[instrument];
}

/** The measures of one instrument in date order (measures of one day keep their order). */
export function measureSeries(measures: readonly Measure[], instrument: Instrument): Measure[] {
  return measures.filter((m) => m.instrument === instrument).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The instruments that have measures, in the order of INSTRUMENTS. */
export function instrumentsUsed(measures: readonly Measure[]): Instrument[] {
  return INSTRUMENTS.filter((i) => measures.some((m) => m.instrument === i));
}
