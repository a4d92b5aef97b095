// The "example world" of a bundled document: the objects its examples name (AS groups, lifecycle hooks, held
// instances; ServiceStage instances, snapshots, jobs), gathered from every example that describes them, and the
// disagreements and dangling references among those examples; and that world as a state of the mock's emulator
// (`emulatorState`), which the build writes to dist/<api>.example-world.json.
//
// One name or ID means one object everywhere. The state of the world is what the read examples (the 2xx `default`
// example of a GET), the parameter examples and the `default` request examples say; a mutating operation's 2xx
// `default` example is that state with the request applied (an update's answer is the hook with the changed fields;
// a create's answer is the created object, which the world does not have yet, so that the create succeeds on it).
// Other named examples (`empty`, `running`, `continueByInstance`…) are alternatives: they are not part of the state,
// but every object they refer to must exist, and every request example must succeed on the world.
//
// Plain JavaScript (no TypeScript syntax) so that the build script imports it as well as the tests.
import { resolveRef } from './resolve.js';

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
    /** An alternative example's object: it must exist, and agree with the state on every field it shows. */
    agree(kind, key, fields, source) {
      refs.push({ kind, key, source });
      const entry = table(kind).get(key);
      if (!entry) return;
      for (const [field, value] of Object.entries(fields)) {
        if (field in entry.fields && !sameValue(entry.fields[field], value)) {
          problems.push(
            `${kind} ${key}: ${field} is ${JSON.stringify(entry.fields[field])} in ${entry.sources[field]} ` +
              `but ${JSON.stringify(value)} in ${source}`,
          );
        }
      }
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
  world.fact('project', project, {}, 'listLifecycleHooks project_id');
  // Each operation names its group by its own scaling_group_id example.
  const groupOf = (id) => read.param(id, 'scaling_group_id');
  const hookKey = (name, id = 'listLifecycleHooks') => `${groupOf(id)}/${name}`;

  // Every operation's path names the project and the group.
  for (const id of read.operationIds()) {
    world.ref('project', read.param(id, 'project_id'), `${id} project_id`);
    world.fact('group', read.param(id, 'scaling_group_id'), {}, `${id} scaling_group_id`);
  }

  // The hooks: the list and show are the state (a created hook is not: the create must succeed on the state).
  for (const hook of read.responses('listLifecycleHooks', '200').default?.lifecycle_hooks ?? []) {
    world.fact('hook', hookKey(hook.lifecycle_hook_name), hook, 'listLifecycleHooks 200 default');
  }
  const shown = read.responses('showLifecycleHook', '200').default;
  const shownName = read.param('showLifecycleHook', 'lifecycle_hook_name');
  world.check(
    !shown || shown.lifecycle_hook_name === shownName,
    `showLifecycleHook 200 default answers ${shown?.lifecycle_hook_name} for lifecycle_hook_name ${shownName}`,
  );
  if (shown)
    world.fact(
      'hook',
      hookKey(shown.lifecycle_hook_name, 'showLifecycleHook'),
      shown,
      'showLifecycleHook 200 default',
    );
  for (const id of ['showLifecycleHook', 'updateLifecycleHook', 'deleteLifecycleHook']) {
    world.ref('hook', hookKey(read.param(id, 'lifecycle_hook_name'), id), `${id} lifecycle_hook_name`);
  }

  // The update answers the hook with the request's fields changed, and nothing else.
  const updateName = read.param('updateLifecycleHook', 'lifecycle_hook_name');
  const updated = read.responses('updateLifecycleHook', '200').default;
  const before = world.get('hook', hookKey(updateName, 'updateLifecycleHook'));
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
  const heldGroup = groupOf('listInstanceHangingInfo');
  for (const held of read.responses('listInstanceHangingInfo', '200').default?.instance_hanging_info ?? []) {
    const source = 'listInstanceHangingInfo 200 default';
    world.fact('held', `${held.scaling_group_id}/${held.instance_id}`, held, source);
    world.fact('actionKey', held.lifecycle_action_key, { instance_id: held.instance_id }, source);
    world.check(
      held.scaling_group_id === heldGroup,
      `${source}: instance ${held.instance_id} is in group ${held.scaling_group_id}, not ${heldGroup}`,
    );
    world.ref(
      'hook',
      `${held.scaling_group_id}/${held.lifecycle_hook_name}`,
      `${source} (instance ${held.instance_id})`,
    );
  }
  const queried = read.param('listInstanceHangingInfo', 'instance_id');
  if (queried) world.ref('held', `${heldGroup}/${queried}`, 'listInstanceHangingInfo instance_id');

  // The instances of the group: the unfiltered list is the state (a query parameter's example shows a value the
  // parameter takes, not the filter of the default answer); the other lists show some of the same instances.
  if (read.has('listScalingInstances')) {
    for (const [name, page] of Object.entries(read.responses('listScalingInstances', '200'))) {
      const source = `listScalingInstances 200 ${name}`;
      for (const instance of page.scaling_group_instances ?? []) {
        const key = `${instance.scaling_group_id}/${instance.instance_id}`;
        if (name === 'default') world.fact('instance', key, instance, source);
        else world.agree('instance', key, instance, source);
        world.fact(
          'group',
          instance.scaling_group_id,
          { scaling_group_name: instance.scaling_group_name },
          source,
        );
      }
    }
  }

  // Every callback example names a held instance, by its key or by its instance and hook.
  const callbackGroup = groupOf('callbackLifecycleHook');
  for (const [name, callback] of Object.entries(read.requests('callbackLifecycleHook'))) {
    const source = `callbackLifecycleHook request ${name}`;
    if (callback.lifecycle_action_key) {
      world.ref('actionKey', callback.lifecycle_action_key, source);
      const key = world.get('actionKey', callback.lifecycle_action_key);
      world.check(
        !key || world.get('held', `${callbackGroup}/${key.instance_id}`),
        `${source}: the key's instance ${key?.instance_id} is not held in group ${callbackGroup}`,
      );
    } else {
      world.ref('held', `${callbackGroup}/${callback.instance_id}`, source);
      const held = world.get('held', `${callbackGroup}/${callback.instance_id}`);
      world.check(
        !held || held.lifecycle_hook_name === callback.lifecycle_hook_name,
        `${source}: instance ${callback.instance_id} is held by ${held?.lifecycle_hook_name}, not ${callback.lifecycle_hook_name}`,
      );
    }
  }

  // A create succeeds on the world: its hook is not there yet, and the answer is the hook that the request makes.
  const createGroup = groupOf('createLifecycleHook');
  const created = read.responses('createLifecycleHook', '200').default;
  for (const [name, request] of Object.entries(read.requests('createLifecycleHook'))) {
    const source = `createLifecycleHook request ${name}`;
    world.check(
      !world.get('hook', `${createGroup}/${request.lifecycle_hook_name}`),
      `${source} creates hook ${request.lifecycle_hook_name}, which group ${createGroup} already has in the ` +
        'other examples (the create would be refused with AS.7041)',
    );
    if (name !== 'default' || !created) continue;
    for (const [field, value] of Object.entries(request)) {
      world.check(
        sameValue(created[field], value),
        `createLifecycleHook 200 default: ${field} is ${JSON.stringify(created[field])}, but the request ` +
          `default sends ${JSON.stringify(value)}`,
      );
    }
  }
  // Hooks change only while their group is not scaling, that is while no instance of it is held (AS.2033).
  for (const id of ['createLifecycleHook', 'updateLifecycleHook', 'deleteLifecycleHook']) {
    const held = world.all('held').filter((row) => row.scaling_group_id === groupOf(id));
    world.check(
      held.length === 0,
      `${id} changes a hook of group ${groupOf(id)}, which is scaling in the other examples (instance ` +
        `${held[0]?.instance_id} is held): the change would be refused with AS.2033`,
    );
  }

  // Rules of the API between objects.
  for (const held of world.all('held')) {
    const hook = world.get('hook', `${held.scaling_group_id}/${held.lifecycle_hook_name}`);
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
    // The held instance is an instance of the group, waiting to be added (launching) or removed (terminating).
    if (!read.has('listScalingInstances')) continue;
    const key = `${held.scaling_group_id}/${held.instance_id}`;
    world.ref('instance', key, `listInstanceHangingInfo 200 default (instance ${held.instance_id})`);
    const instance = world.get('instance', key);
    if (!instance) continue;
    const state = hook.lifecycle_hook_type === 'INSTANCE_LAUNCHING' ? 'PENDING_WAIT' : 'REMOVING_WAIT';
    world.check(
      instance.life_cycle_state === state,
      `instance ${held.instance_id}: life_cycle_state ${instance.life_cycle_state}, but the ` +
        `${hook.lifecycle_hook_type} hook ${hook.lifecycle_hook_name} holds it (${state})`,
    );
    world.check(
      Date.parse(instance.create_time) <= began,
      `instance ${held.instance_id}: created (${instance.create_time}) after its wait began`,
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
    world.moment(new Date(snapshot.create_time).toISOString(), undefined, `snapshot ${snapshot.version}`);
    world.check(
      snapshot.instance_id === read.param(snapshots, 'instance_id'),
      `${source}: snapshot ${snapshot.version} belongs to instance ${snapshot.instance_id}, not the path's ` +
        `${read.param(snapshots, 'instance_id')}`,
    );
  }

  // The action's job is the one the job operation shows.
  const job = read.responses(action, '200').default?.job_id;
  const instance = read.param(action, 'instance_id');
  world.fact(
    'job',
    job,
    { instance_id: instance, action: read.requests(action).default?.action },
    `${action} 200 default`,
  );
  world.ref('job', read.param('showJobDetail', 'job_id'), 'showJobDetail job_id');
  const detail = read.responses('showJobDetail', '200').default;
  if (detail) {
    const source = 'showJobDetail 200 default';
    world.fact('job', detail.job.JOB_ID, { instance_id: detail.job.SERVICE_INSTANCE_ID, detail }, source);
    world.check(
      detail.job.PROJECT_ID === undefined || detail.job.PROJECT_ID === project,
      `${source}: PROJECT_ID ${detail.job.PROJECT_ID} is not the project ${project}`,
    );
    if (detail.job.SERVICE_INSTANCE_ID) world.ref('instance', detail.job.SERVICE_INSTANCE_ID, source);
    for (const task of detail.tasks ?? [])
      for (const time of [task.CREATED_AT, task.LAST_HEALTH_CHECK])
        if (time)
          world.moment(fromTaskTime(time), undefined, `task ${task.TASK_ID} of job ${detail.job.JOB_ID}`);
  }
  const queried = read.param('showJobDetail', 'instance_id');
  if (queried) world.ref('instance', queried, 'showJobDetail instance_id');

  // A rollback goes to a version the instance has a snapshot of, other than its current one (the newest).
  const current = currentVersion(world, instance);
  for (const [name, body] of Object.entries(read.requests(action))) {
    if (body.action === 'rollback') {
      const version = body.parameters?.version;
      world.ref('snapshot', `${instance}/${version}`, `${action} request ${name}`);
      world.check(
        version !== current,
        `${action} request ${name} rolls instance ${instance} back to ${version}, its current version (its ` +
          'newest snapshot): the rollback would be refused',
      );
    }
  }
}

/** ServiceStage's task times (`2021-01-11 10:25:30`) are UTC. */
const fromTaskTime = (time) => `${time.replace(' ', 'T')}Z`;

const snapshotsOf = (world, instanceId) =>
  world
    .all('snapshot')
    .filter((snapshot) => snapshot.instance_id === instanceId)
    .map(({ key, ...snapshot }) => snapshot)
    .sort((a, b) => a.create_time - b.create_time);

/** An instance runs the version of its newest snapshot. */
const currentVersion = (world, instanceId) => snapshotsOf(world, instanceId).at(-1)?.version;

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

// --- the world as the emulator's state ------------------------------------------------------------------------

/** The settings an emulator starts with: the `default` of each field of the control document's EmulatorSettings. */
function defaultSettings(emulatorDoc) {
  const defaults = (node) => {
    const schema = resolveRef(emulatorDoc, node);
    if (!schema.properties) return schema.default;
    return Object.fromEntries(
      Object.entries(schema.properties).map(([name, field]) => [name, defaults(field)]),
    );
  };
  return defaults(emulatorDoc.components.schemas.EmulatorSettings);
}

/** RFC 3339 in whole seconds, as the emulator's clock prints it. */
const clockTime = (iso) => `${new Date(Date.parse(iso)).toISOString().slice(0, 19)}Z`;

const withoutKey = ({ key, ...fields }) => fields;

/** Auto Scaling: each group with its instances, hooks and held rows. */
function autoscalingProject(world, _projectId, problems) {
  const byGroup = (kind, group) => world.all(kind).filter((entry) => entry.key.startsWith(`${group}/`));
  const groups = world.all('group').map(({ key: id, ...fields }) => {
    const hooks = byGroup('hook', id).map(withoutKey);
    const hanging = byGroup('held', id).map((row) => ({
      ...withoutKey(row),
      lifecycle_hook_type: hooks.find((hook) => hook.lifecycle_hook_name === row.lifecycle_hook_name)
        ?.lifecycle_hook_type,
      extends: 0,
    }));
    for (const hook of hooks) {
      for (const field of [
        'lifecycle_hook_type',
        'default_result',
        'default_timeout',
        'notification_topic_urn',
        'create_time',
      ])
        if (hook[field] === undefined)
          problems.push(`hook ${id}/${hook.lifecycle_hook_name}: no example gives its ${field}`);
    }
    return {
      scaling_group_id: id,
      // A group no instance example names is named as the control plane names the groups it creates.
      scaling_group_name: fields.scaling_group_name ?? `as-group-${id.slice(0, 8)}`,
      is_scaling: hanging.some((row) => row.lifecycle_hook_status === 'HANGING'),
      instances: byGroup('instance', id).map(withoutKey),
      lifecycle_hooks: hooks.map((hook) => ({
        notification_topic_name: hook.notification_topic_urn?.slice(
          hook.notification_topic_urn.lastIndexOf(':') + 1,
        ),
        notification_metadata: null,
        ...hook,
      })),
      hanging,
    };
  });
  return { autoscaling: { groups }, servicestage: { instances: [], jobs: [] } };
}

/** ServiceStage: each instance with its snapshots, and the jobs with the detail the examples show. */
function servicestageProject(world, projectId, problems) {
  const jobs = world.all('job').map(({ key, instance_id, action, detail }) => {
    if (!detail) problems.push(`job ${key}: no example shows its detail`);
    const times = (detail?.tasks ?? [])
      .map((task) => task.CREATED_AT)
      .filter(Boolean)
      .map(fromTaskTime);
    return {
      job_id: key,
      instance_id,
      action,
      created: clockTime(times.sort()[0] ?? '1970-01-01T00:00:00Z'),
      polls: 0,
      outcome: detail?.job.EXECUTION_STATUS === 'FAILED' ? 'FAILED' : 'SUCCEEDED',
      detail,
    };
  });
  // Fields no example gives take the control plane's defaults (createServiceStageInstance).
  const instances = world.all('instance').map(({ key, application_id, component_id }) => {
    const last = jobs
      .filter((job) => job.instance_id === key)
      .sort((a, b) => a.created.localeCompare(b.created))
      .at(-1);
    return {
      project_id: projectId,
      application_id,
      component_id,
      instance_id: key,
      instance_name: `instance-${key.slice(0, 8)}`,
      version: currentVersion(world, key) ?? '1.0.0',
      replica: 1,
      status: last?.outcome === 'FAILED' ? 'FAILED' : 'RUNNING',
      snapshots: snapshotsOf(world, key),
      last_job_id: last?.job_id ?? null,
      last_job_status: last?.detail?.job.EXECUTION_STATUS ?? null,
    };
  });
  return { autoscaling: { groups: [] }, servicestage: { instances, jobs } };
}

const PROJECTS = { as: autoscalingProject, servicestage: servicestageProject };

/**
 * The example world of a service's bundled document as a state of the mock's emulator (`EmulatorState` of the
 * control document `emulatorDoc`, as `GET /_emulator/state` exports it): `{ state, problems }`. The clock is the
 * latest moment the examples name (the last hook, instance or wait to begin; the last snapshot or task), where
 * every held instance still waits. `problems` lists each example that cannot be placed; `state` is then undefined.
 */
export function emulatorState(doc, emulatorDoc) {
  const service = doc.info?.['x-hwc-service'];
  const project = PROJECTS[service];
  if (!project) return { state: undefined, problems: [`no example world for service ${service}`] };
  const result = exampleWorld(doc);
  const { now, problems } = result;
  // The objects by kind, read as the facts were gathered.
  const world = {
    all: (kind) => Object.entries(result.world[kind] ?? {}).map(([key, fields]) => ({ key, ...fields })),
  };
  const projectIds = world.all('project').map(({ key }) => key);
  if (projectIds.length !== 1) problems.push(`the examples name ${projectIds.length} projects, not one`);
  if (!now) problems.push('the examples name no moment to set the clock to');
  const projects = Object.fromEntries(projectIds.map((id) => [id, project(world, id, problems)]));
  if (problems.length > 0) return { state: undefined, problems };
  const state = { version: 1, now: clockTime(now.after), settings: defaultSettings(emulatorDoc), projects };
  return { state, problems };
}
