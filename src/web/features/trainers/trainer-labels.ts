import { type TrainerSource, trainerSourceLabels, trainerSources } from '../../../shared/domain/trainer-codes';

/** The sources in the plan's order, as one line. */
export function sourcesText(sources: readonly TrainerSource[]): string {
  return trainerSources
    .filter((s) => sources.includes(s))
    .map((s) => trainerSourceLabels[s])
    .join('、');
}

export function listOrDash(values: readonly string[]): string {
  return values.length > 0 ? values.join('、') : '—';
}
