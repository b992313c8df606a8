/** Messages for failed AWS SDK calls. */

/** Name of an AWS error (`ThrottlingException`, …), undefined for other errors. */
export function awsErrorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

/**
 * A one-line message for a failed AWS call: the operation, the error name and
 * message, and how many attempts the SDK made.
 */
export function describeAwsError(operation: string, error: unknown): string {
  if (!(error instanceof Error)) return `${operation}: ${String(error)}`;
  const meta = (
    error as { $metadata?: { attempts?: number; httpStatusCode?: number } }
  ).$metadata;
  const name = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
  const parts = [`${operation}: ${name}${error.message}`];
  if (meta?.httpStatusCode) parts.push(`HTTP ${meta.httpStatusCode}`);
  if (meta?.attempts && meta.attempts > 1)
    parts.push(`after ${meta.attempts} attempts`);
  return parts.join(', ');
}

/** Runs an AWS call, rethrowing its error with the operation named. */
export async function call<T>(
  operation: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if ((error as { awsOperation?: string }).awsOperation) throw error;
    const wrapped = new Error(describeAwsError(operation, error));
    (wrapped as { cause?: unknown }).cause = error;
    wrapped.name = awsErrorName(error) ?? 'Error';
    (wrapped as { awsOperation?: string }).awsOperation = operation;
    throw wrapped;
  }
}
