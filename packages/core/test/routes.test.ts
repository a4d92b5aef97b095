// The build step that lists each operation's method and path for the operation methods.
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs build script, without types
import { routesOf } from '../scripts/routes.mjs';

const doc = (paths: object, components: object = {}) => ({ paths, components });
const param = (name: string, where = 'path') => ({ name, in: where, required: where === 'path' });

describe('routesOf', () => {
  it('lists every operation by operationId, following parameter $refs', () => {
    const spec = doc(
      {
        '/v1/{project_id}/g/{id}': {
          parameters: [{ $ref: '#/components/parameters/Project' }, param('id')],
          get: { operationId: 'showG', parameters: [param('q', 'query')] },
          delete: { operationId: 'deleteG', parameters: [param('id')] },
        },
      },
      { parameters: { Project: param('project_id') } },
    );
    expect(routesOf(spec)).toEqual([
      ['showG', 'GET', '/v1/{project_id}/g/{id}'],
      ['deleteG', 'DELETE', '/v1/{project_id}/g/{id}'],
    ]);
  });

  it('refuses what the flat arguments cannot express', () => {
    const op = (parameters: object[]) => doc({ '/x/{id}': { get: { operationId: 'x', parameters } } });
    expect(() => routesOf(op([param('id'), param('id', 'query')]))).toThrow('parameter id would clash');
    expect(() => routesOf(op([param('id'), param('body', 'query')]))).toThrow('parameter body would clash');
    expect(() => routesOf(op([param('X-Trace', 'header')]))).toThrow('header parameter X-Trace');
    expect(() => routesOf(doc({ '/x': { get: {} } }))).toThrow('GET /x has no operationId');
    expect(() =>
      routesOf(doc({ '/a': { get: { operationId: 'same' } }, '/b': { get: { operationId: 'same' } } })),
    ).toThrow('operationId same is used twice');
  });
});
