import { IptError } from './errors.js';
import { INSTRUMENTS, scoreRange, type Instrument, type Measure, type Session } from './schemas.js';

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

/** The lowest and highest score of a series of one instrument (HAM-D: of the longest version in it). */
export function seriesRange(series: readonly Pick<Measure, 'instrument' | 'version' | 'score'>[]): readonly [number, number] {
  const ranges = series.map(scoreRange);
  const hi = Math.max(...ranges.map((r) => r[1]));
  // `other` has no published maximum: its axis runs to the highest score taken.
  return series[0]?.instrument === 'other' ? [0, Math.max(1, ...series.map((m) => m.score))] : [0, hi];
}

/** The instruments of which a lower score is better, so that response and remission apply (not `other`). */
const LOWER_IS_BETTER: readonly Instrument[] = ['PHQ-9', 'GAD-7', 'EPDS', 'HAM-D'];
/** Remission: a score below this (PHQ-9 and GAD-7; IPT.md "Measures"). */
export const REMISSION_BELOW: Partial<Record<Instrument, number>> = { 'PHQ-9': 5, 'GAD-7': 5 };

/** Where one score of a series stands against the first: response and remission. */
export interface Outcome {
  /** The change from the first score, in whole percent (negative: a fall); undefined for the first or from 0. */
  change: number | undefined;
  /** A fall of 50% or more from the first score. */
  response: boolean;
  /** Below the instrument's remission threshold (PHQ-9, GAD-7). */
  remission: boolean;
}

/** Response and remission of the `i`th score of a series of one instrument in date order (none for `other`). */
export function outcomeOf(series: readonly Pick<Measure, 'instrument' | 'score'>[], i: number): Outcome {
  const m = series[i]!;
  const first = series[0]!.score;
  const rated = LOWER_IS_BETTER.includes(m.instrument);
  const change = i > 0 && first > 0 && rated ? Math.round(((m.score - first) / first) * 100) : undefined;
  const below = REMISSION_BELOW[m.instrument];
  return { change, response: i > 0 && rated && first > 0 && m.score <= first / 2, remission: below !== undefined && m.score < below };
}

/**
 * The instruments taken at the latest date a measure was taken at a session, in the order of
 * INSTRUMENTS, with the HAM-D version then taken: what the record form offers next.
 */
export function lastInstruments(measures: readonly Measure[]): { instruments: Instrument[]; version: Measure['version'] } {
  const taken = measures.filter((m) => m.sessionId);
  const last = taken.reduce((d, m) => (m.date > d ? m.date : d), '');
  const those = taken.filter((m) => m.date === last);
  return { instruments: INSTRUMENTS.filter((i) => those.some((m) => m.instrument === i)), version: those.find((m) => m.instrument === 'HAM-D')?.version };
}

/** The measures of one instrument in date order (measures of one day keep their order). */
export function measureSeries(measures: readonly Measure[], instrument: Instrument): Measure[] {
  return measures.filter((m) => m.instrument === instrument).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Measures in the order of their instruments in INSTRUMENTS (each instrument's keep their order). */
export function instrumentOrder(measures: readonly Measure[]): Measure[] {
  return INSTRUMENTS.flatMap((i) => measures.filter((m) => m.instrument === i));
}

/** The instruments that have measures, in the order of INSTRUMENTS. */
export function instrumentsUsed(measures: readonly Measure[]): Instrument[] {
  return INSTRUMENTS.filter((i) => measures.some((m) => m.instrument === i));
}
