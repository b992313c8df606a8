/**
 * A local HTTP server speaking the wire protocols of the AWS services the
 * module calls, as the installed SDK v3 clients send them:
 * - AWS JSON 1.1 (`X-Amz-Target`): Service Quotas (`ServiceQuotasV20190624.*`),
 *   Application Auto Scaling (`AnyScaleFrontendService.*`);
 * - AWS JSON 1.0: DynamoDB (`DynamoDB_20120810.*`) and CloudWatch
 *   (`GraniteServiceVersion20100801.*`, query-compatible errors via
 *   `x-amzn-query-error`);
 * - REST-JSON: Lambda (`/2016-08-19/account-settings`,
 *   `/2019-09-30/functions/{name}/concurrency`) and API Gateway (`/account`,
 *   `/restapis/{id}`, `/restapis/{id}/stages/{stage}`), errors in
 *   `x-amzn-ErrorType`.
 * Requests must be SigV4-signed; the access key selects the account and the
 * credential scope the region and service. `NextToken` pagination with small
 * pages, injectable failures (throttling with `Retry-After`, 5xx) and delays.
 */
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { AwsError, rest, rpc } from './fakeAwsHandlers';
import { queryAction } from './fakeDataStores';
import { queryError, queryResponse } from './fakeQueryProtocol';
import { FakeRegion } from './FakeRegion';

/** An error response to inject. */
export interface InjectedError {
  status: number;
  /** Error code, e.g. `ThrottlingException`, `TooManyRequestsException`. */
  type: string;
  message?: string;
  /** `Retry-After` header value (seconds). */
  retryAfter?: string;
}

/** One received request. */
export interface ReceivedRequest {
  /** `service:Operation`, e.g. `dynamodb:DescribeTable`, `lambda:GetAccountSettings`. */
  op: string;
  accountId: string;
  region: string;
  body: any;
  /** The HTTP status answered. */
  status?: number;
  /** `1.1`, or `2.0` for HTTP/2 (the Kinesis client's default). */
  httpVersion: string;
}

const JSON_TARGETS: Record<string, { prefix: string; version: string }> = {
  servicequotas: { prefix: 'ServiceQuotasV20190624', version: '1.1' },
  'application-autoscaling': {
    prefix: 'AnyScaleFrontendService',
    version: '1.1',
  },
  dynamodb: { prefix: 'DynamoDB_20120810', version: '1.0' },
  monitoring: { prefix: 'GraniteServiceVersion20100801', version: '1.0' },
  sqs: { prefix: 'AmazonSQS', version: '1.0' },
  kinesis: { prefix: 'Kinesis_20131202', version: '1.1' },
};

/** Services whose JSON errors are query-compatible (`x-amzn-query-error`). */
const QUERY_COMPATIBLE = new Set(['monitoring', 'sqs']);

/** AWS Query (form-encoded request, XML answer) services and their API versions. */
const QUERY_SERVICES: Record<string, { version: string; xmlns: string }> = {
  rds: {
    version: '2014-10-31',
    xmlns: 'http://rds.amazonaws.com/doc/2014-10-31/',
  },
  elasticache: {
    version: '2015-02-02',
    xmlns: 'http://elasticache.amazonaws.com/doc/2015-02-02/',
  },
};

const CREDENTIAL =
  /Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

/** The fake AWS endpoint. */
export class FakeAws {
  readonly requests: ReceivedRequest[] = [];
  /** Items per page of paginated operations. */
  pageSize = 2;
  /** Accepts TCP and hands each connection to the HTTP/1.1 or HTTP/2 server. */
  #server: net.Server;
  #http1: http.Server;
  /** Cleartext HTTP/2 with prior knowledge, as the Kinesis client speaks it. */
  #http2: http2.Http2Server;
  #sockets = new Set<net.Socket>();
  #accounts: Record<string, string>;
  #regions = new Map<string, FakeRegion>();
  #failures = new Map<string, InjectedError[]>();
  #always = new Map<string, InjectedError>();
  #delays = new Map<string, number>();
  port = 0;

  private constructor(accounts: Record<string, string>) {
    this.#accounts = accounts;
    const handle = (req: any, res: any) => this.#handle(req, res);
    this.#http1 = http.createServer(handle);
    this.#http2 = http2.createServer(handle);
    this.#server = net.createServer(socket => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.once('data', first => {
        if (!first.toString('latin1').startsWith('PRI * HTTP/2.0')) {
          socket.pause();
          socket.unshift(first);
          this.#http1.emit('connection', socket);
          socket.resume();
          return;
        }
        // nghttp2 reads from the socket's native handle, which no longer has
        // the bytes already read: hand it a stream that replays them.
        const replay = new Duplex({
          read: () => socket.resume(),
          write: (chunk, encoding, done) => socket.write(chunk, encoding, done),
          final: done => socket.end(done),
          destroy: (error, done) => {
            socket.destroy();
            done(error);
          },
        });
        replay.push(first);
        socket.on('data', chunk => {
          if (!replay.push(chunk)) socket.pause();
        });
        socket.on('end', () => replay.push(null));
        socket.on('close', () => replay.destroy());
        this.#http2.emit('connection', replay);
      });
    });
  }

  /** Starts on 127.0.0.1, random port; `accounts` maps access key id → account id. */
  static async start(accounts: Record<string, string>): Promise<FakeAws> {
    const fake = new FakeAws(accounts);
    await new Promise<void>(resolve =>
      fake.#server.listen(0, '127.0.0.1', resolve),
    );
    fake.port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The state of one account and region. */
  region(accountId: string, region: string): FakeRegion {
    const key = `${accountId}/${region}`;
    let r = this.#regions.get(key);
    if (!r) this.#regions.set(key, (r = new FakeRegion()));
    return r;
  }

  /** Answers the next `times` calls of `op` with `error`. */
  failNext(op: string, times: number, error: InjectedError): void {
    this.#failures.set(op, [
      ...(this.#failures.get(op) ?? []),
      ...Array(times).fill(error),
    ]);
  }

  /** Answers every call of `op` with `error` until {@link reset}. */
  failAlways(op: string, error: InjectedError): void {
    this.#always.set(op, error);
  }

  /** Delays every answer of `op` by `ms`. */
  delay(op: string, ms: number): void {
    this.#delays.set(op, ms);
  }

  /** Clears injected failures, delays and the request log. */
  reset(): void {
    this.#failures.clear();
    this.#always.clear();
    this.#delays.clear();
    this.requests.length = 0;
  }

  /** Requests of one operation. */
  calls(op: string): ReceivedRequest[] {
    return this.requests.filter(r => r.op === op);
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>(resolve => this.#server.close(() => resolve()));
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString();
    const cred = CREDENTIAL.exec(String(req.headers.authorization ?? ''));
    const service = cred?.[4] ?? 'unknown';
    const json = JSON_TARGETS[service];
    const target = String(req.headers['x-amz-target'] ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    const query = QUERY_SERVICES[service];
    const form = query ? new URLSearchParams(raw) : undefined;
    let operation = `${req.method} ${url.pathname}`;
    if (json) operation = target.split('.')[1] ?? '';
    if (form) operation = form.get('Action') ?? '';
    const op = `${service}:${operation}`;
    const record: ReceivedRequest = {
      op,
      accountId: '',
      region: cred?.[3] ?? '',
      body: undefined,
      httpVersion: req.httpVersion,
    };
    let status = 200;
    let body: unknown;
    const headers: Record<string, string> = {
      'x-amzn-requestid': `req-${this.requests.length}`,
    };
    try {
      if (form) record.body = Object.fromEntries(form);
      else record.body = raw ? JSON.parse(raw) : undefined;
      if (!cred || !req.headers['x-amz-date']) {
        throw new AwsError(
          403,
          'MissingAuthenticationTokenException',
          'Request is missing Authentication Token',
        );
      }
      const accountId = this.#accounts[cred[1]];
      if (!accountId) {
        throw new AwsError(
          403,
          'UnrecognizedClientException',
          'The security token included in the request is invalid.',
        );
      }
      record.accountId = accountId;
      if (json) {
        if (!target.startsWith(`${json.prefix}.`)) {
          throw new AwsError(
            400,
            'UnknownOperationException',
            `Unknown target ${target} for ${service}`,
          );
        }
        if (
          req.headers['content-type'] !==
          `application/x-amz-json-${json.version}`
        ) {
          throw new AwsError(
            400,
            'SerializationException',
            `content-type ${req.headers['content-type']}`,
          );
        }
      }
      if (form && form.get('Version') !== query.version) {
        throw new AwsError(
          400,
          'InvalidAction',
          `Version ${form.get('Version')} of ${service}`,
        );
      }
      const delay = this.#delays.get(record.op);
      if (delay) await new Promise(r => setTimeout(r, delay));
      const injected =
        this.#failures.get(record.op)?.shift() ?? this.#always.get(record.op);
      if (injected) {
        throw new AwsError(
          injected.status,
          injected.type,
          injected.message ?? 'Rate exceeded',
          injected.retryAfter,
        );
      }
      const region = this.region(accountId, cred[3]);
      if (json) {
        body = rpc(
          service,
          operation,
          record.body ?? {},
          region,
          this.pageSize,
          { accountId, region: cred[3] },
        );
      } else if (query) {
        body = queryAction(
          service,
          operation,
          record.body,
          region,
          this.pageSize,
        );
      } else {
        body = rest(
          service,
          req.method ?? 'GET',
          url.pathname,
          region,
          url.searchParams,
          this.pageSize,
        );
      }
    } catch (e) {
      if (!(e instanceof AwsError)) throw e;
      status = e.status;
      if (e.retryAfter) headers['retry-after'] = e.retryAfter;
      if (json) {
        body = { __type: e.type, message: e.message };
        if (QUERY_COMPATIBLE.has(service))
          headers['x-amzn-query-error'] = `${e.queryCode ?? e.type};Sender`;
      } else if (query) {
        body = queryError(
          query.xmlns,
          e.status,
          e.type,
          e.message,
          headers['x-amzn-requestid'],
        );
      } else {
        headers['x-amzn-errortype'] = e.type;
        body = { message: e.message, Type: 'User' };
      }
    }
    record.status = status;
    this.requests.push(record);
    let payload: string;
    if (query) {
      payload =
        status === 200
          ? queryResponse(
              operation,
              query.xmlns,
              body,
              headers['x-amzn-requestid'],
            )
          : String(body);
    } else {
      payload = JSON.stringify(body ?? {});
    }
    let contentType = 'application/json';
    if (json) contentType = `application/x-amz-json-${json.version}`;
    if (query) contentType = 'text/xml';
    res.writeHead(status, {
      ...headers,
      'content-type': contentType,
      'content-length': Buffer.byteLength(payload),
    });
    res.end(payload);
  }
}
