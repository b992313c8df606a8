import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, stringifyError } from '@backstage/errors';
import type { GrantStore } from './GrantStore';

/** Options of {@link withLeaseHeartbeat}. */
export interface LeaseHeartbeatOptions {
  store: Pick<GrantStore, 'renewLease'>;
  logger: LoggerService;
  now: () => Date;
  /** Lease length. */
  leaseMs: number;
  /** Renewal interval (default a third of the lease). */
  intervalMs?: number;
}

/**
 * Runs `fn` (an executor call) while renewing the grant's lease every
 * `intervalMs`, so a call that outlasts the lease is not taken over by the
 * sweep. When the lease was taken over (renewal refused), or could not be
 * renewed for a whole lease (database unreachable), the signal handed to
 * `fn` is aborted: the executor writes nothing more, and the caller gets a
 * ConflictError instead of the call's result.
 */
export async function withLeaseHeartbeat<T>(
  grant: { id: string; leaseHolder: string | null },
  options: LeaseHeartbeatOptions,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const holder = grant.leaseHolder;
  if (!holder) return fn(controller.signal);
  const lost = (why: string) =>
    controller.abort(
      new ConflictError(`Lost the lease on grant ${grant.id}: ${why}`),
    );
  let lastRenewal = Date.now();
  let renewing = false;
  const timer = setInterval(async () => {
    if (renewing || controller.signal.aborted) return;
    renewing = true;
    try {
      const until = new Date(options.now().getTime() + options.leaseMs);
      if (await options.store.renewLease(grant.id, holder, until)) {
        lastRenewal = Date.now();
      } else {
        lost('another worker holds it');
      }
    } catch (error) {
      options.logger.warn(
        `Could not renew the lease on grant ${grant.id}: ${stringifyError(
          error,
        )}`,
      );
      if (Date.now() - lastRenewal > options.leaseMs) {
        lost('not renewed for a whole lease');
      }
    } finally {
      renewing = false;
    }
  }, options.intervalMs ?? Math.max(50, Math.floor(options.leaseMs / 3)));
  timer.unref?.();
  try {
    const result = await fn(controller.signal);
    if (controller.signal.aborted) throw controller.signal.reason;
    return result;
  } catch (error) {
    if (controller.signal.aborted) throw controller.signal.reason;
    throw error;
  } finally {
    clearInterval(timer);
  }
}
