import type { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  type GithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';

/** How requests to the GitHub API are retried and bounded. */
export interface GithubRequestPolicy {
  /** Retries after the first attempt (5xx, secondary rate limits, timeouts). Default 3. */
  retries: number;
  /** First backoff delay in ms (doubled per retry, with jitter). Default 500. */
  baseDelayMs: number;
  /** Longest `Retry-After` / rate-limit reset we wait for inside one call, in ms. Default 60 000. */
  maxRetryAfterMs: number;
  /** Timeout of one HTTP request in ms. Default 10 000. */
  timeoutMs: number;
}

/** Defaults of {@link GithubRequestPolicy}. */
export const DEFAULT_REQUEST_POLICY: GithubRequestPolicy = {
  retries: 3,
  baseDelayMs: 500,
  maxRetryAfterMs: 60_000,
  timeoutMs: 10_000,
};

/** Message prefix of refused redirects (never retried). */
export const REDIRECT_REFUSED =
  'Refused to follow a redirect off the GitHub API host';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A `fetch` for Octokit that follows redirects itself, and only to the API's
 * own origin (GitHub answers 301/307 for renamed repositories). A redirect
 * anywhere else is refused, so credentials never leave the API host. Each
 * request is bounded by `timeoutMs`.
 */
export function createSafeFetch(apiBaseUrl: string, timeoutMs: number) {
  const origin = new URL(apiBaseUrl).origin;
  return async function safeFetch(
    input: string | URL,
    init: RequestInit = {},
  ): Promise<Response> {
    let url = new URL(String(input));
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body;
    for (let hop = 0; hop <= 5; hop++) {
      if (url.origin !== origin) {
        throw new Error(`${REDIRECT_REFUSED} (${url.host})`);
      }
      const signals = [AbortSignal.timeout(timeoutMs)];
      if (init.signal) signals.push(init.signal);
      const response = await fetch(url, {
        ...init,
        method,
        body,
        redirect: 'manual',
        signal: AbortSignal.any(signals),
      });
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || !location) return response;
      await response.body?.cancel();
      url = new URL(location, url);
      if (
        response.status === 303 ||
        ([301, 302].includes(response.status) && method === 'POST')
      ) {
        method = 'GET';
        body = undefined;
      }
    }
    throw new Error('Too many redirects from the GitHub API');
  };
}

interface OctokitErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined> };
}

/**
 * How long to wait before retrying `error`, or undefined when it must not be
 * retried. 5xx, timeouts and network errors back off exponentially;
 * secondary rate limits (403/429 with `Retry-After` or the documented
 * message) and exhausted primary limits wait for `Retry-After` /
 * `x-ratelimit-reset`, if that is within `maxRetryAfterMs`.
 */
export function retryDelayMs(
  error: unknown,
  attempt: number,
  policy: GithubRequestPolicy,
  now = Date.now(),
): number | undefined {
  const e = error as OctokitErrorLike;
  if (String(e?.message).includes(REDIRECT_REFUSED)) return undefined;
  const status = e?.status;
  const headers = e?.response?.headers ?? {};
  const backoff = () =>
    Math.round(policy.baseDelayMs * 2 ** attempt * (0.75 + Math.random() / 2));

  if (status === 403 || status === 429) {
    const retryAfter = Number(headers['retry-after']);
    if (Number.isFinite(retryAfter) && headers['retry-after'] !== undefined) {
      const ms = retryAfter * 1000;
      return ms <= policy.maxRetryAfterMs ? ms : undefined;
    }
    if (
      headers['x-ratelimit-remaining'] === '0' &&
      headers['x-ratelimit-reset']
    ) {
      const ms = Number(headers['x-ratelimit-reset']) * 1000 - now;
      return ms <= policy.maxRetryAfterMs ? Math.max(0, ms) : undefined;
    }
    if (status === 429 || /secondary rate limit/i.test(String(e?.message))) {
      return backoff();
    }
    return undefined; // a real permission problem
  }
  if (status === undefined || status >= 500) return backoff();
  return undefined;
}

/** Creates Octokit clients for one GitHub host, authenticated per owner. */
export class OctokitFactory {
  readonly #apiBaseUrl: string;
  readonly #host: string;
  readonly #credentials: GithubCredentialsProvider;
  readonly #policy: GithubRequestPolicy;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #userAgent: string;

  /**
   * The factory for `host` from app-config `integrations.github`, or
   * undefined when that integration has no token and no GitHub App.
   */
  static fromConfig(
    config: Config,
    options: {
      host: string;
      policy?: Partial<GithubRequestPolicy>;
      sleep?: (ms: number) => Promise<void>;
      userAgent?: string;
    },
  ): OctokitFactory | undefined {
    const integrations = ScmIntegrations.fromConfig(config);
    const integration = integrations.github.byHost(options.host);
    if (!integration?.config.apiBaseUrl) return undefined;
    if (!integration.config.token && !integration.config.apps?.length)
      return undefined;
    return new OctokitFactory({
      ...options,
      apiBaseUrl: integration.config.apiBaseUrl,
      credentials:
        DefaultGithubCredentialsProvider.fromIntegrations(integrations),
    });
  }

  constructor(options: {
    host: string;
    apiBaseUrl: string;
    credentials: GithubCredentialsProvider;
    policy?: Partial<GithubRequestPolicy>;
    sleep?: (ms: number) => Promise<void>;
    /** Default `scale-readiness-champion-actions`. */
    userAgent?: string;
  }) {
    this.#userAgent = options.userAgent ?? 'scale-readiness-champion-actions';
    this.#host = options.host;
    this.#apiBaseUrl = options.apiBaseUrl;
    this.#credentials = options.credentials;
    this.#policy = { ...DEFAULT_REQUEST_POLICY, ...options.policy };
    this.#sleep =
      options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
  }

  /**
   * An Octokit for repositories and teams of `owner`, with the integration's
   * credentials (a GitHub App installation token for that owner, or the
   * configured token), the safe fetch and retries. When `signal` is aborted,
   * requests stop and nothing is retried.
   */
  async forOwner(owner: string, signal?: AbortSignal): Promise<Octokit> {
    const { token } = await this.#credentials.getCredentials({
      url: `https://${this.#host}/${encodeURIComponent(owner)}`,
    });
    if (!token) {
      throw new Error(
        `No GitHub credentials for ${
          this.#host
        }/${owner} (configure a token or a GitHub App installation)`,
      );
    }
    const octokit = new Octokit({
      baseUrl: this.#apiBaseUrl,
      auth: token,
      userAgent: this.#userAgent,
      request: {
        fetch: createSafeFetch(this.#apiBaseUrl, this.#policy.timeoutMs),
        ...(signal ? { signal } : {}),
      },
      log: { debug() {}, info() {}, warn() {}, error() {} },
    });
    octokit.hook.wrap('request', async (request, options) => {
      for (let attempt = 0; ; attempt++) {
        signal?.throwIfAborted();
        try {
          return await request(options);
        } catch (error) {
          const delay =
            attempt < this.#policy.retries
              ? retryDelayMs(error, attempt, this.#policy)
              : undefined;
          if (delay === undefined) throw error;
          await this.#sleep(delay);
        }
      }
    });
    return octokit;
  }
}
