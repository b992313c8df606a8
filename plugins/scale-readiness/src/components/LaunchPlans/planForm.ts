import type { CreatePlanRequest } from '@scale-readiness/plugin-scale-readiness-common';

/** What the "New plan" dialog holds (numbers as typed). */
export interface PlanFormValues {
  title: string;
  occasion: string;
  /** `YYYY-MM-DD`. */
  date: string;
  growthFactor: string;
  entryPoints: string[];
  /** Optional growth factor per entry point ref, as typed. */
  factors: Record<string, string>;
}

/** One message per invalid field. */
export interface PlanFormErrors {
  title?: string;
  date?: string;
  growthFactor?: string;
  entryPoints?: string;
  factors?: Record<string, string>;
}

/** Largest growth factor the form accepts. */
export const MAX_FACTOR = 1000;
/** Longest title the form accepts. */
export const MAX_TITLE = 200;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function factorError(raw: string): string | undefined {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) return 'Enter a number';
  if (value < 1) return 'At least 1×';
  if (value > MAX_FACTOR) return `At most ${MAX_FACTOR}×`;
  return undefined;
}

/**
 * Checks the form and builds the `POST /plans` body: title, a launch date
 * that is not in the past, a growth factor of at least 1×, one or more entry
 * points, and valid optional per-entry factors. `today` is `YYYY-MM-DD`.
 */
export function validatePlanForm(
  values: PlanFormValues,
  today: string,
): { errors: PlanFormErrors; request?: CreatePlanRequest } {
  const errors: PlanFormErrors = {};
  const title = values.title.trim();
  if (!title) errors.title = 'A title is required';
  else if (title.length > MAX_TITLE)
    errors.title = `At most ${MAX_TITLE} characters`;

  if (!values.date) errors.date = 'A launch date is required';
  else if (!DAY.test(values.date) || Number.isNaN(Date.parse(values.date)))
    errors.date = 'Use YYYY-MM-DD';
  else if (values.date < today) errors.date = 'The date is in the past';

  const growthError = factorError(values.growthFactor);
  if (growthError) errors.growthFactor = growthError;

  if (values.entryPoints.length === 0)
    errors.entryPoints = 'Pick at least one entry point';

  const factors: Record<string, number> = {};
  const factorErrors: Record<string, string> = {};
  for (const ref of values.entryPoints) {
    const raw = values.factors[ref]?.trim() ?? '';
    if (raw === '') continue;
    const error = factorError(raw);
    if (error) factorErrors[ref] = error;
    else factors[ref] = Number(raw);
  }
  if (Object.keys(factorErrors).length > 0) errors.factors = factorErrors;

  if (Object.keys(errors).length > 0) return { errors };
  const occasion = values.occasion.trim();
  return {
    errors,
    request: {
      title,
      ...(occasion ? { occasion } : {}),
      date: values.date,
      growthFactor: Number(values.growthFactor),
      entryPoints: values.entryPoints,
      ...(Object.keys(factors).length > 0 ? { factors } : {}),
    },
  };
}
