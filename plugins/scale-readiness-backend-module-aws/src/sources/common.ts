/**
 * What every AWS source gets: the clients of the entity's account and region,
 * the peak window, an abort signal (the source's deadline) and a per-batch
 * cache of account-level lookups.
 */
import type { AwsClients } from '../AwsClients';
import type { PeakWindow } from '../metrics';

/**
 * Per-batch memo of account-level lookups (Lambda account settings, DynamoDB
 * limits, API Gateway account throttle), so a batch asks each account and
 * region once. A lookup runs under its own deadline, not the first caller's.
 * @public
 */
export class AccountLookups {
  readonly #timeoutMs: number;
  readonly #cache = new Map<string, Promise<unknown>>();

  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
  }

  /** Runs `fn` once per key within this batch; failures are shared too. */
  get<T>(key: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    let value = this.#cache.get(key) as Promise<T> | undefined;
    if (!value) {
      value = fn(AbortSignal.timeout(this.#timeoutMs));
      this.#cache.set(key, value);
    }
    return value;
  }
}

/** Context of one source call for one entity. @public */
export interface SourceContext {
  clients: AwsClients;
  window: PeakWindow;
  /** Aborts the source's calls at its deadline. */
  signal: AbortSignal;
  lookups: AccountLookups;
}

/** SDK `send` options carrying the abort signal. */
export function sendOptions(signal: AbortSignal): { abortSignal: any } {
  // The SDK declares its own AbortSignal interface; Node's signal satisfies it.
  return { abortSignal: signal };
}

/** `aws/<account>/<region>/<parts…>`, the id of an AWS quota fact. */
export function quotaId(clients: AwsClients, ...parts: string[]): string {
  return ['aws', clients.accountId, clients.region, ...parts].join('/');
}

/** The Service Quotas console page of a quota (or of every quota of a service). */
export function serviceQuotasUrl(
  region: string,
  serviceCode: string,
  quotaCode?: string,
): string {
  const base = `https://${region}.console.aws.amazon.com/servicequotas/home/services/${serviceCode}/quotas`;
  return quotaCode ? `${base}/${quotaCode}` : base;
}
