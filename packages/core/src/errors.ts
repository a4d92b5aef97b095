type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * Reads `code`, `message` and `request_id` from the three error body shapes:
 * AS `{"error":{"code","message"}}`, API gateway / ServiceStage `{"error_code","error_msg","request_id"}`,
 * and `{"errorCode","errorMessage"}`.
 */
export function parseErrorBody(body: unknown): { code?: string; message?: string; requestId?: string } {
  if (!isObject(body)) return {};
  const nested = isObject(body.error) ? body.error : undefined;
  const code = str(nested?.code) ?? str(body.error_code) ?? str(body.errorCode) ?? str(body.code);
  const message = str(nested?.message) ?? str(body.error_msg) ?? str(body.errorMessage) ?? str(body.message);
  const requestId = str(body.request_id) ?? str(body.requestId);
  return {
    ...(code !== undefined && { code }),
    ...(message !== undefined && { message }),
    ...(requestId !== undefined && { requestId }),
  };
}

/** The service answered with a non-2xx status. Returned as `error` (never thrown) by client calls. */
export class HwcApiError<Body = unknown> extends Error {
  override readonly name = 'HwcApiError';
  /** HTTP status. */
  readonly status: number;
  /** Service error code, e.g. `AS.7031`, `APIGW.0301`, `SVCSTG.00100400`; undefined if the body has none. */
  readonly code: string | undefined;
  /** `X-Request-Id` response header, else the body's `request_id`. Quote it to Huawei support. */
  readonly requestId: string | undefined;
  /** The body as received: parsed JSON, else text, else undefined. */
  readonly body: Body | string | undefined;

  constructor(init: {
    status: number;
    body?: Body | string | undefined;
    requestId?: string | null | undefined;
  }) {
    const parsed = parseErrorBody(init.body);
    super(parsed.message ?? `HTTP ${init.status}`);
    this.status = init.status;
    this.code = parsed.code;
    this.requestId = init.requestId ?? parsed.requestId;
    this.body = init.body;
  }

  /** Builds the error from a response and its already-read body. */
  static fromResponse<Body>(response: Response, body: Body | string | undefined): HwcApiError<Body> {
    const requestId = response.headers.get('x-request-id');
    return new HwcApiError<Body>({
      status: response.status,
      body: body === '' ? undefined : body,
      requestId,
    });
  }

  override toString(): string {
    const id = this.requestId ? ` (request id ${this.requestId})` : '';
    return `${this.name}: HTTP ${this.status}${this.code ? ` ${this.code}` : ''}: ${this.message}${id}`;
  }

  toJSON(): Json {
    const { name, status, code, message, requestId, body } = this;
    return { name, status, code, message, requestId, body };
  }
}

/** No response was received (connection refused, reset, DNS, TLS...). Thrown by client calls. */
export class HwcNetworkError extends Error {
  override readonly name = 'HwcNetworkError';
  /** Attempts made, retries included. */
  attempts = 1;
}

/** An attempt exceeded `timeoutMs`. Thrown by client calls (after retries, if any). */
export class HwcTimeoutError extends Error {
  override readonly name = 'HwcTimeoutError';
  /** Attempts made, retries included. */
  attempts = 1;
  constructor(
    message: string,
    /** The per-attempt limit that was exceeded. */
    readonly timeoutMs: number,
  ) {
    super(message);
  }
}
