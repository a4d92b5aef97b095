// The usual fix of each error code, in each language of the site: what the error-code pages show in their last
// column (scripts/errorcodes.mjs). The spec says what a code means; this table says what to do about it.
//
// `source` is the hash of the English meaning and message the fix was written for (sourceHash in errorcodes.mjs):
// test/errorcodes.test.ts fails when a code of the spec has no entry, when an entry names a code the spec no longer
// uses, and when the spec's meaning or message of a code changed since its fix was written (then review the fix
// and put the new hash, which the failure prints).
export const ERROR_FIXES = {
  'APIGW.0101': {
    source: '311cf87faba1',
    en: 'Check the method, the path and the API version, and that the endpoint is the region of the service.',
    'zh-CN': '检查请求方法、路径和 API 版本，以及终端节点是否为该服务所在的区域。',
  },
  'APIGW.0103': {
    source: '74947749e2cf',
    en: 'A fault behind the gateway: retry later; if it persists, contact support with the `request_id`.',
    'zh-CN': 'API 网关之后的服务故障：稍后重试；若持续出现，请携带 `request_id` 联系技术支持。',
  },
  'APIGW.0201': {
    source: '2bc259239d14',
    en: 'Check the request itself: method, headers, body size and JSON syntax.',
    'zh-CN': '检查请求本身：请求方法、请求头、请求体大小和 JSON 语法。',
  },
  'APIGW.0202': {
    source: '1092eab7fbd2',
    en: 'The service is temporarily unavailable: retry later, with backoff.',
    'zh-CN': '服务暂时不可用：稍后退避重试。',
  },
  'APIGW.0203': {
    source: 'c23ab78d982c',
    en: 'Retry later. Before repeating a call that changes something, check whether the first one took effect.',
    'zh-CN': '稍后重试。重试会修改资源的调用之前，先确认上一次调用是否已生效。',
  },
  'APIGW.0301': {
    source: 'a5f9049828bd',
    en: 'Get a new IAM token scoped to the project (tokens expire after 24 hours), or check the AK/SK.',
    'zh-CN': '重新获取作用于该项目的 IAM Token（Token 24 小时后过期），或检查 AK/SK。',
  },
  'APIGW.0302': {
    source: '900303180794',
    en: 'Grant the IAM user a policy that allows this API, or call it with another user.',
    'zh-CN': '为 IAM 用户授予允许调用该 API 的策略，或换用有权限的用户调用。',
  },
  'APIGW.0303': {
    source: 'cd25340f5331',
    en: 'Check the AK/SK and the signed headers, and synchronise the clock: `X-Sdk-Date` must be within 15 minutes of the server time.',
    'zh-CN': '检查 AK/SK 和参与签名的请求头，并校准时钟：`X-Sdk-Date` 与服务器时间相差不得超过 15 分钟。',
  },
  'AS.0001': {
    source: '41e317f1f0b4',
    en: 'Retry later, with backoff; if it persists, contact support.',
    'zh-CN': '稍后退避重试；若持续出现，请联系技术支持。',
  },
  'AS.0002': {
    source: '69d1eadc3a60',
    en: 'Send the JSON request body the operation requires, with `Content-Type: application/json`.',
    'zh-CN': '按接口要求发送 JSON 请求体，并设置 `Content-Type: application/json`。',
  },
  'AS.0005': {
    source: '0b256f7491ec',
    en: 'Send an IAM token in `X-Auth-Token`, or sign the request with AK/SK.',
    'zh-CN': '在 `X-Auth-Token` 中传入 IAM Token，或使用 AK/SK 签名请求。',
  },
  'AS.0006': {
    source: 'd4157b7be6a2',
    en: 'Get a new IAM token for the same project: tokens expire after 24 hours.',
    'zh-CN': '为同一项目重新获取 IAM Token：Token 24 小时后过期。',
  },
  'AS.0007': {
    source: '9b9de1db5569',
    en: 'Check the URL: the path, the API version (`v1`) and the region of the endpoint.',
    'zh-CN': '检查 URL：路径、API 版本（`v1`）以及终端节点的区域。',
  },
  'AS.0008': {
    source: '5242031bb931',
    en: 'Use the project ID the token or the AK/SK request is scoped to; the clients fill it in from the credentials.',
    'zh-CN': '使用 Token 或 AK/SK 请求所属项目的项目ID；客户端会根据认证信息自动填入。',
  },
  'AS.0011': {
    source: '479321c1f32a',
    en: 'Grant the IAM user a role or policy with the operation’s IAM action (for example `as:lifecycleHooks:create`).',
    'zh-CN': '为 IAM 用户授予包含该操作 IAM 动作（例如 `as:lifecycleHooks:create`）的角色或策略。',
  },
  'AS.0022': {
    source: '0e93fd4cb698',
    en: 'Send valid JSON with only the documented fields: AS rejects any parameter it does not support.',
    'zh-CN': '发送合法的 JSON，且只包含文档中的字段：AS 会拒绝任何不支持的参数。',
  },
  'AS.2007': {
    source: '338197277930',
    en: 'Check `scaling_group_id`, the region and the project: the AS group must exist there. (AS answers 400, not 404.)',
    'zh-CN': '检查 `scaling_group_id`、区域和项目：伸缩组必须存在于其中。（AS 返回 400，而不是 404。）',
  },
  'AS.2020': {
    source: '01ba4719c80b',
    en: 'Wait until the AS group is stable (no scaling action, not being changed), then retry.',
    'zh-CN': '等待伸缩组稳定（没有伸缩活动、未在变更中）后重试。',
  },
  'AS.2033': {
    source: '9726dff65f26',
    en: 'Wait until the scaling action of the AS group ends, then retry: hooks cannot change while it scales.',
    'zh-CN': '等待伸缩组的伸缩活动结束后重试：伸缩期间不能变更生命周期挂钩。',
  },
  'AS.7030': {
    source: '6d0f15c14b10',
    en: 'Set `default_timeout` between 60 and 86400 seconds.',
    'zh-CN': '将 `default_timeout` 设置在 60 到 86400 秒之间。',
  },
  'AS.7031': {
    source: '4eca2c29985c',
    en: 'Use 1 to 32 letters, digits, underscores (_) and hyphens (-).',
    'zh-CN': '使用 1 到 32 个字母、数字、下划线（_）和中划线（-）。',
  },
  'AS.7032': {
    source: 'b507f1508513',
    en: 'Send `lifecycle_hook_name`.',
    'zh-CN': '传入 `lifecycle_hook_name`。',
  },
  'AS.7033': {
    source: '467946cb6b05',
    en: 'Use `INSTANCE_LAUNCHING` or `INSTANCE_TERMINATING`.',
    'zh-CN': '使用 `INSTANCE_LAUNCHING` 或 `INSTANCE_TERMINATING`。',
  },
  'AS.7034': {
    source: '8b68b499cb64',
    en: 'Use `ABANDON` or `CONTINUE` (a callback may also send `EXTEND`).',
    'zh-CN': '使用 `ABANDON` 或 `CONTINUE`（回调还可以使用 `EXTEND`）。',
  },
  'AS.7035': {
    source: 'd10984919ab4',
    en: 'Shorten `notification_metadata` to at most 256 characters.',
    'zh-CN': '将 `notification_metadata` 缩短到 256 个字符以内。',
  },
  'AS.7036': {
    source: '70c4ff034664',
    en: 'Check the hook name: `listLifecycleHooks` lists the hooks of the group.',
    'zh-CN': '检查挂钩名称：`listLifecycleHooks` 可查询伸缩组的全部挂钩。',
  },
  'AS.7037': {
    source: '6979f3477f11',
    en: 'Send `lifecycle_hook_type`.',
    'zh-CN': '传入 `lifecycle_hook_type`。',
  },
  'AS.7038': {
    source: 'd70fdb3b794b',
    en: 'Delete a hook the group no longer needs: an AS group has at most five lifecycle hooks.',
    'zh-CN': '删除伸缩组不再需要的挂钩：一个伸缩组最多有五个生命周期挂钩。',
  },
  'AS.7039': {
    source: '358085d10c67',
    en: 'Send `lifecycle_action_result`: `ABANDON`, `CONTINUE` or `EXTEND`.',
    'zh-CN': '传入 `lifecycle_action_result`：`ABANDON`、`CONTINUE` 或 `EXTEND`。',
  },
  'AS.7040': {
    source: 'd53d456dcbdd',
    en: 'Send `lifecycle_action_key`, or `instance_id` together with `lifecycle_hook_name`.',
    'zh-CN': '传入 `lifecycle_action_key`，或同时传入 `instance_id` 和 `lifecycle_hook_name`。',
  },
  'AS.7041': {
    source: '2c21afb9f305',
    en: 'Choose another name, or change the existing hook with `updateLifecycleHook`.',
    'zh-CN': '换一个名称，或使用 `updateLifecycleHook` 修改已有的挂钩。',
  },
  'AS.7042': {
    source: 'd2aa92e36726',
    en: 'List the suspended instances (`listInstanceHangingInfo`) and use a current key: the instance may no longer be `HANGING` (called back or timed out).',
    'zh-CN':
      '查询挂起的实例（`listInstanceHangingInfo`）并使用当前的令牌：该实例可能已不再处于 `HANGING` 状态（已回调或已超时）。',
  },
  'AS.7043': {
    source: '1a2bc030fac3',
    en: 'Create the SMN topic first, or use the URN of an existing topic of the same region and project.',
    'zh-CN': '先创建 SMN 主题，或使用同一区域、同一项目中已有主题的 URN。',
  },
  'AS.7055': {
    source: 'd4a7305f69f9',
    en: "Remove `<` `>` `&` `'` `(` `)` from `notification_metadata`.",
    'zh-CN': "从 `notification_metadata` 中删除 `<` `>` `&` `'` `(` `)`。",
  },
  'SVCSTG.00100400': {
    source: '56be48a7689d',
    en: 'Check the parameters against their constraints (for example `limit` 0 to 100, `replica` 0 or more).',
    'zh-CN': '按约束检查参数（例如 `limit` 为 0 到 100，`replica` 不小于 0）。',
  },
  'SVCSTG.00100401': {
    source: '11075d099979',
    en: 'Despite the 401, check the application, component and environment IDs: ServiceStage has been seen to answer it for one that does not exist.',
    'zh-CN':
      '虽然是 401，也请检查应用、组件和环境的 ID：已观察到其中之一不存在时 ServiceStage 会返回该错误码。',
  },
  'SVCSTG.00100403': {
    source: '1b2b59245feb',
    en: 'Check `application_id` and the project.',
    'zh-CN': '检查 `application_id` 和项目。',
  },
  'SVCSTG.00100404': {
    source: '583aee2e97bf',
    en: 'Check `component_id`, and that the component belongs to the application.',
    'zh-CN': '检查 `component_id`，以及该组件是否属于该应用。',
  },
  'SVCSTG.00100412': {
    source: 'd5bf4f3ee22c',
    en: 'Check `instance_id`, and that the instance belongs to the component.',
    'zh-CN': '检查 `instance_id`，以及该实例是否属于该组件。',
  },
  'SVCSTG.00100414': {
    source: '2153d1e22e11',
    en: 'Pass the `job_id` that the action returned.',
    'zh-CN': '传入操作返回的 `job_id`。',
  },
  'SVCSTG.00100418': {
    source: 'b05daae54740',
    en: 'Use `start`, `stop`, `restart`, `scale` (with `parameters.replica`) or `rollback` (with `parameters.version`).',
    'zh-CN':
      '使用 `start`、`stop`、`restart`、`scale`（需 `parameters.replica`）或 `rollback`（需 `parameters.version`）。',
  },
  'SVCSTG.00100429': {
    source: '64d994864bbe',
    en: 'Check `job_id`: use the one the action returned, in the same project.',
    'zh-CN': '检查 `job_id`：使用同一项目中操作返回的任务ID。',
  },
  'SVCSTG.00100436': {
    source: '0e10b8872df7',
    en: 'List the instance’s snapshots (`listComponentInstanceSnapshots`) and roll back to one of their versions.',
    'zh-CN': '查询实例快照（`listComponentInstanceSnapshots`），并回滚到其中一个版本。',
  },
};
