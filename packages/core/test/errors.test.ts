import { describe, expect, it } from 'vitest';
import { parseErrorBody } from '../src/errors.js';
import { createHwcClient, HwcApiError } from '../src/index.js';
import type { paths } from './as-paths.js';
import { fakeFetch, json } from './helpers.js';

const service = { name: 'Test', clouds: {} };
const quotas = '/v1/{project_id}/quotas' as const;

async function errorFor(response: Response) {
  const { fetch } = fakeFetch(() => response);
  const as = createHwcClient<paths>(service, {
    baseUrl: 'https://as.example',
    credentials: { token: 't', projectId: 'p' },
    fetch,
    retry: false,
  });
  const result = await as.GET(quotas);
  expect(result.data).toBeUndefined();
  expect(result.response).toBe(response);
  return result.error as HwcApiError;
}

describe('HwcApiError', () => {
  it('parses the AS nested shape and the X-Request-Id header', async () => {
    const body = { error: { code: 'AS.7031', message: 'Invalid lifecycle hook name.' } };
    const error = await errorFor(json(400, body, { 'X-Request-Id': 'req-123' }));
    expect(error).toBeInstanceOf(HwcApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'HwcApiError',
      status: 400,
      code: 'AS.7031',
      requestId: 'req-123',
      body,
    });
    expect(error.message).toBe('Invalid lifecycle hook name.');
    expect(String(error)).toBe(
      'HwcApiError: HTTP 400 AS.7031: Invalid lifecycle hook name. (request id req-123)',
    );
  });

  it('parses the API gateway flat shape, taking request_id from the body', async () => {
    const body = {
      error_code: 'APIGW.0301',
      error_msg: 'Incorrect IAM authentication information',
      request_id: 'gw-1',
    };
    const error = await errorFor(json(401, body));
    expect(error).toMatchObject({ status: 401, code: 'APIGW.0301', requestId: 'gw-1', body });
    expect(error.message).toBe('Incorrect IAM authentication information');
  });

  it('parses the ServiceStage shape and the camelCase variant', async () => {
    const stage = await errorFor(
      json(404, { error_code: 'SVCSTG.00100404', error_msg: 'component not found' }),
    );
    expect(stage).toMatchObject({
      status: 404,
      code: 'SVCSTG.00100404',
      message: 'component not found',
      requestId: undefined,
    });
    const camel = await errorFor(json(400, { errorCode: 'SVCSTG.00100400', errorMessage: 'bad request' }));
    expect(camel).toMatchObject({ code: 'SVCSTG.00100400', message: 'bad request' });
  });

  it('copes with text and empty bodies', async () => {
    const text = await errorFor(
      new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'x-request-id': 'r' } }),
    );
    expect(text).toMatchObject({
      status: 502,
      code: undefined,
      message: 'HTTP 502',
      body: '<html>Bad Gateway</html>',
    });
    const empty = await errorFor(new Response(null, { status: 403 }));
    expect(empty).toMatchObject({ status: 403, code: undefined, message: 'HTTP 403', body: undefined });
  });

  it('serializes to plain JSON', () => {
    const error = new HwcApiError({
      status: 400,
      body: { error: { code: 'AS.0001', message: 'System error.' } },
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'HwcApiError',
      status: 400,
      code: 'AS.0001',
      message: 'System error.',
      body: { error: { code: 'AS.0001', message: 'System error.' } },
    });
    expect(parseErrorBody('nope')).toEqual({});
    expect(parseErrorBody({ error: 'x', error_code: 'E', error_msg: 'm' })).toEqual({
      code: 'E',
      message: 'm',
    });
  });
});
