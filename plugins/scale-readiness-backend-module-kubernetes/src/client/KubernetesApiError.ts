/**
 * A failed call through the Kubernetes backend's proxy, with the cluster, the
 * API path and what the API server (or the proxy) said.
 */
export class KubernetesApiError extends Error {
  readonly cluster: string;
  readonly path: string;
  /** HTTP status; 0 when no response was received. */
  readonly status: number;
  /** Kubernetes `Status.reason` (`Forbidden`, `NotFound`, `Expired`, …). */
  readonly reason?: string;
  /** True when the API server itself answered with a `Status` object. */
  readonly fromApiServer: boolean;

  constructor(options: {
    cluster: string;
    path: string;
    status: number;
    message: string;
    reason?: string;
    fromApiServer?: boolean;
  }) {
    const what = options.status ? `HTTP ${options.status}` : 'failed';
    super(
      `GET ${options.path} on cluster '${options.cluster}': ${what}${
        options.reason ? ` ${options.reason}` : ''
      }: ${options.message}`,
    );
    this.name = 'KubernetesApiError';
    this.cluster = options.cluster;
    this.path = options.path;
    this.status = options.status;
    this.reason = options.reason;
    this.fromApiServer = options.fromApiServer ?? false;
  }

  /**
   * A 404 from the API server: the object, or its resource type (an absent
   * CRD), does not exist. A 404 from Backstage itself (unknown cluster, no
   * proxy route) is not "not found" but a configuration error.
   */
  get isNotFound(): boolean {
    return this.status === 404 && this.fromApiServer;
  }

  /** Builds the error from a non-2xx proxy response. */
  static async fromResponse(
    response: Response,
    cluster: string,
    path: string,
  ): Promise<KubernetesApiError> {
    const body = await readErrorBody(response);
    return new KubernetesApiError({
      cluster,
      path,
      status: response.status,
      message: body.message,
      reason: body.reason,
      fromApiServer: body.isStatus,
    });
  }
}

/**
 * Reads an error body: a Kubernetes `Status` (`{kind: 'Status', reason,
 * message}`) passed through by the proxy, or a Backstage error
 * (`{error: {name, message, cause?}}`), or plain text.
 */
export async function readErrorBody(
  response: Response,
): Promise<{ message: string; reason?: string; isStatus: boolean }> {
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      message: text.trim().slice(0, 300) || response.statusText,
      isStatus: false,
    };
  }
  const obj = (json ?? {}) as Record<string, any>;
  if (obj.kind === 'Status') {
    return {
      message: String(obj.message ?? response.statusText),
      reason: typeof obj.reason === 'string' ? obj.reason : undefined,
      isStatus: true,
    };
  }
  const error = obj.error as Record<string, any> | undefined;
  if (error && typeof error.message === 'string') {
    const cause =
      error.cause && typeof error.cause.message === 'string'
        ? `: ${error.cause.message}`
        : '';
    return { message: `${error.message}${cause}`, isStatus: false };
  }
  return { message: text.slice(0, 300), isStatus: false };
}
