// The "example world" of a bundled document: the objects its examples name (AS groups, lifecycle hooks, held
// instances; ServiceStage instances, snapshots, jobs), gathered from every example that describes them, and the
// disagreements and dangling references among those examples.
//
// One name or ID means one object everywhere. The state of the world is what the read examples (the 2xx `default`
// example of a GET), the parameter examples and the `default` request examples say; a mutating operation's 2xx
// `default` example is that state with the request applied (an update's answer is the hook with the changed fields,
// a create's answer is the created object, which the lists show). Other named examples (`empty`, `running`,
// `continueByInstance`…) are alternatives: they are not part of the state, but every object they refer to must exist.
//
// Plain JavaScript (no TypeScript syntax) so that a build script can import it as well as the tests.
import { resolveRef } from '../lib/resolve.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Reading a bundled document by operationId: its parameter, request and response examples. */
export function documentReader(doc) {
  const operations = new Map();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      if (item[method])
        operations.set(item[method].operationId, { path, method, item, operation: item[method] });
    }
  }
  const deref = (node) => resolveRef(doc, node);
  const media = (part) => (part ? deref(part).content?.['application/json'] : undefined);
  const examplesOf = (part) =>
    Object.fromEntries(
      Object.entries(media(part)?.examples ?? {}).map(([name, e]) => [name, deref(e).value]),
    );
  const found = (id) => {
    const op = operations.get(id);
    if (!op) throw new Error(`consistency: no operation ${id}`);
    return op;
  };
  return {
    operationIds: () => [...operations.keys()],
    has: (id) => operations.has(id),
    method: (id) => found(id).method,
    /** The example of a path or query parameter (the parameter's own, else its schema's). */
    param(id, name) {
      const { item, operation } = found(id);
      const param = [...(item.parameters ?? []), ...(operation.parameters ?? [])]
        .map(deref)
        .find((p) => p.name === name);
      if (!param) return undefined;
      return param.example ?? deref(param.schema)?.example;
    },
    /** Named request-body examples: `{ default: value, … }`. */
    requests: (id) => examplesOf(found(id).operation.requestBody),
    /** Named examples of one response status. */
    responses: (id, status) => examplesOf(found(id).operation.responses?.[status]),
    /** The 2xx status that has a body, if any. */
    successStatus(id) {
      return Object.keys(found(id).operation.responses ?? {}).find(
        (s) => s.startsWith('2') && media(found(id).operation.responses[s]),
      );
    },
  };
}

/**
 * Collects facts about objects and references to them, then reports where they disagree.
 * `world.fact(kind, key, fields, source)` records what an example says about an object; `world.ref(kind, key,
 * source)` records that an example needs the object to exist; `world.check(condition, message)` adds a rule of the
 * API (a held instance's result is its hook's).
 */
export function createWorld() {
  const objects = new Map(); // kind -> key -> { fields, sources: { field -> source } }
  const refs = [];
  const problems = [];
  const moments = [];
  const table = (kind) => {
    if (!objects.has(kind)) objects.set(kind, new Map());
    return objects.get(kind);
  };
  return {
    fact(kind, key, fields, source) {
      if (key === undefined || key === null) return;
      const entry = table(kind).get(key) ?? { fields: {}, sources: {} };
      table(kind).set(key, entry);
      for (const [field, value] of Object.entries(fields)) {
        if (value === undefined) continue;
        if (field in entry.fields && !sameValue(entry.fields[field], value)) {
          problems.push(
            `${kind} ${key}: ${field} is ${JSON.stringify(entry.fields[field])} in ${entry.sources[field]} ` +
              `but ${JSON.stringify(value)} in ${source}`,
          );
          continue;
        }
        if (!(field in entry.fields)) {
          entry.fields[field] = value;
          entry.sources[field] = source;
        }
      }
    },
    ref(kind, key, source) {
      refs.push({ kind, key, source });
    },
    get: (kind, key) => table(kind).get(key)?.fields,
    all: (kind) => [...table(kind).entries()].map(([key, entry]) => ({ key, ...entry.fields })),
    check(condition, message) {
      if (!condition) problems.push(message);
    },
    /** Something exists or runs from `from` until `until` (RFC 3339; no end: forever). */
    moment(from, until, what) {
      moments.push({ from, until, what });
    },
    /** The objects by kind, and every disagreement or dangling reference found. */
    result() {
      const dangling = refs
        .filter(({ kind, key }) => !table(kind).has(key))
        .map(({ kind, key, source }) => `${source} names ${kind} ${key}, which no example describes`);
      const world = Object.fromEntries(
        [...objects.entries()].map(([kind, entries]) => [
          kind,
          Object.fromEntries([...entries.entries()].map(([key, entry]) => [key, entry.fields])),
        ]),
      );
      // The moments at which every object exists and every wait still runs: the world's clock must be in there.
      const after = moments.reduce((a, m) => (Date.parse(m.from) > Date.parse(a.from) ? m : a), moments[0]);
      const before = moments
        .filter((m) => m.until)
        .reduce((b, m) => (!b || Date.parse(m.until) < Date.parse(b.until) ? m : b), undefined);
      const now = after ? { after: after.from, before: before?.until } : undefined;
      if (after && before && Date.parse(before.until) <= Date.parse(after.from)) {
        problems.push(
          `no moment has every object of the examples: ${before.what} ends at ${before.until}, ` +
            `before ${after.what} begins at ${after.from}`,
        );
      }
      return { world, now, problems: [...problems, ...dangling] };
    },
  };
}

function sameValue(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What the examples of the AS (lifecycle hooks) document say. */
function autoscalingFacts(read, world) {
  const project = read.param('listLifecycleHooks', 'project_id');
  const group = read.param('listLifecycleHooks', 'scaling_group_id');
  world.fact('project', project, {}, 'listLifecycleHooks project_id');
  const hookKey = (name) => `${group}/${name}`;

  // Every operation's path names the project and the group.
  for (const id of read.operationIds()) {
    world.ref('project', read.param(id, 'project_id'), `${id} project_id`);
    world.fact('group', read.param(id, 'scaling_group_id'), {}, `${id} scaling_group_id`);
  }

  // The hooks: the list, show, and the created hook are the state.
  for (const hook of read.responses('listLifecycleHooks', '200').default?.lifecycle_hooks ?? []) {
    world.fact('hook', hookKey(hook.lifecycle_hook_name), hook, 'listLifecycleHooks 200 default');
  }
  const shown = read.responses('showLifecycleHook', '200').default;
  const shownName = read.param('showLifecycleHook', 'lifecycle_hook_name');
  world.check(
    !shown || shown.lifecycle_hook_name === shownName,
    `showLifecycleHook 200 default answers ${shown?.lifecycle_hook_name} for lifecycle_hook_name ${shownName}`,
  );
  if (shown) world.fact('hook', hookKey(shown.lifecycle_hook_name), shown, 'showLifecycleHook 200 default');
  const created = read.responses('createLifecycleHook', '200').default;
  const createRequest = read.requests('createLifecycleHook').default;
  if (created)
    world.fact('hook', hookKey(created.lifecycle_hook_name), created, 'createLifecycleHook 200 default');
  if (createRequest) {
    world.fact(
      'hook',
      hookKey(createRequest.lifecycle_hook_name),
      createRequest,
      'createLifecycleHook request default',
    );
  }
  for (const id of ['showLifecycleHook', 'updateLifecycleHook', 'deleteLifecycleHook']) {
    world.ref('hook', hookKey(read.param(id, 'lifecycle_hook_name')), `${id} lifecycle_hook_name`);
  }

  // The update answers the hook with the request's fields changed, and nothing else.
  const updateName = read.param('updateLifecycleHook', 'lifecycle_hook_name');
  const updated = read.responses('updateLifecycleHook', '200').default;
  const before = world.get('hook', hookKey(updateName));
  if (updated && before) {
    const expected = { ...before, ...read.requests('updateLifecycleHook').default };
    for (const [field, value] of Object.entries(updated)) {
      world.check(
        sameValue(expected[field], value),
        `updateLifecycleHook 200 default: ${field} is ${JSON.stringify(value)}, but hook ${updateName} ` +
          `with the request applied has ${JSON.stringify(expected[field])}`,
      );
    }
  }

  // The instances the hooks hold.
  for (const held of read.responses('listInstanceHangingInfo', '200').default?.instance_hanging_info ?? []) {
    const source = 'listInstanceHangingInfo 200 default';
    world.fact('held', `${held.scaling_group_id}/${held.instance_id}`, held, source);
    world.fact('actionKey', held.lifecycle_action_key, { instance_id: held.instance_id }, source);
    world.check(
      held.scaling_group_id === group,
      `${source}: instance ${held.instance_id} is in group ${held.scaling_group_id}, not ${group}`,
    );
    world.ref('hook', hookKey(held.lifecycle_hook_name), `${source} (instance ${held.instance_id})`);
  }
  const queried = read.param('listInstanceHangingInfo', 'instance_id');
  if (queried) world.ref('held', `${group}/${queried}`, 'listInstanceHangingInfo instance_id');

  // Every callback example names a held instance, by its key or by its instance and hook.
  for (const [name, callback] of Object.entries(read.requests('callbackLifecycleHook'))) {
    const source = `callbackLifecycleHook request ${name}`;
    if (callback.lifecycle_action_key) world.ref('actionKey', callback.lifecycle_action_key, source);
    else {
      world.ref('held', `${group}/${callback.instance_id}`, source);
      const held = world.get('held', `${group}/${callback.instance_id}`);
      world.check(
        !held || held.lifecycle_hook_name === callback.lifecycle_hook_name,
        `${source}: instance ${callback.instance_id} is held by ${held?.lifecycle_hook_name}, not ${callback.lifecycle_hook_name}`,
      );
    }
  }

  // Rules of the API between objects.
  for (const held of world.all('held')) {
    const hook = world.get('hook', hookKey(held.lifecycle_hook_name));
    if (!hook) continue;
    world.check(
      held.default_result === hook.default_result,
      `held instance ${held.instance_id}: default_result ${held.default_result}, but its hook ` +
        `${held.lifecycle_hook_name} has ${hook.default_result}`,
    );
    // The wait began at least default_timeout seconds before it ends (EXTEND only moves the end later).
    const began = Date.parse(held.timeout) - hook.default_timeout * 1000;
    world.check(
      began >= Date.parse(hook.create_time),
      `held instance ${held.instance_id}: its wait (until ${held.timeout}, ${hook.default_timeout} s) began ` +
        `before its hook ${held.lifecycle_hook_name} was created (${hook.create_time})`,
    );
    world.moment(
      new Date(began).toISOString(),
      held.timeout,
      `the wait of held instance ${held.instance_id}`,
    );
  }
  for (const hook of world.all('hook'))
    world.moment(hook.create_time, undefined, `hook ${hook.lifecycle_hook_name}`);
  for (const hook of world.all('hook')) {
    const topicProject = String(hook.notification_topic_urn ?? '').split(':')[3];
    world.check(
      topicProject === undefined || topicProject === project,
      `hook ${hook.lifecycle_hook_name}: its SMN topic ${hook.notification_topic_urn} belongs to project ` +
        `${topicProject}, not ${project}`,
    );
  }
}

/** What the examples of the ServiceStage document say. */
function servicestageFacts(read, world) {
  const action = 'performComponentInstanceAction';
  const snapshots = 'listComponentInstanceSnapshots';
  const project = read.param(action, 'project_id');
  world.fact('project', project, {}, `${action} project_id`);
  for (const id of read.operationIds()) {
    world.ref('project', read.param(id, 'project_id'), `${id} project_id`);
    const instance = read.param(id, 'instance_id');
    if (read.param(id, 'application_id') === undefined || instance === undefined) continue;
    world.fact(
      'instance',
      instance,
      { application_id: read.param(id, 'application_id'), component_id: read.param(id, 'component_id') },
      `${id} path`,
    );
  }

  for (const snapshot of read.responses(snapshots, '200').default?.snapshots ?? []) {
    const source = `${snapshots} 200 default`;
    world.fact('snapshot', `${snapshot.instance_id}/${snapshot.version}`, snapshot, source);
    world.check(
      snapshot.instance_id === read.param(snapshots, 'instance_id'),
      `${source}: snapshot ${snapshot.version} belongs to instance ${snapshot.instance_id}, not the path's ` +
        `${read.param(snapshots, 'instance_id')}`,
    );
  }

  // The action's job is the one the job operation shows.
  const job = read.responses(action, '200').default?.job_id;
  const instance = read.param(action, 'instance_id');
  world.fact('job', job, { instance_id: instance }, `${action} 200 default`);
  world.ref('job', read.param('showJobDetail', 'job_id'), 'showJobDetail job_id');
  const detail = read.responses('showJobDetail', '200').default;
  if (detail) {
    const source = 'showJobDetail 200 default';
    world.fact('job', detail.job.JOB_ID, { instance_id: detail.job.SERVICE_INSTANCE_ID }, source);
    world.check(
      detail.job.PROJECT_ID === undefined || detail.job.PROJECT_ID === project,
      `${source}: PROJECT_ID ${detail.job.PROJECT_ID} is not the project ${project}`,
    );
    if (detail.job.SERVICE_INSTANCE_ID) world.ref('instance', detail.job.SERVICE_INSTANCE_ID, source);
  }
  const queried = read.param('showJobDetail', 'instance_id');
  if (queried) world.ref('instance', queried, 'showJobDetail instance_id');

  // A rollback goes to a version the instance has a snapshot of.
  for (const [name, body] of Object.entries(read.requests(action))) {
    if (body.action === 'rollback') {
      world.ref('snapshot', `${instance}/${body.parameters?.version}`, `${action} request ${name}`);
    }
  }
}

const FACTS = { as: autoscalingFacts, servicestage: servicestageFacts };

/**
 * The example world of a bundled document: `{ world, now, problems }`: the objects by kind and key, the open
 * interval in which the world's clock must be (`now.after` < clock < `now.before`), and what disagrees.
 * Documents of other services (the emulator's own) have no objects.
 */
export function exampleWorld(doc) {
  const facts = FACTS[doc.info?.['x-hwc-service']];
  const world = createWorld();
  if (facts) facts(documentReader(doc), world);
  return world.result();
}
