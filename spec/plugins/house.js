// House rules that built-in and configurable Redocly rules cannot express.
const ERROR_CODE = /^(AS\.[0-9]{4}|APIGW\.[0-9]{4}|SVCSTG\.[0-9]{8}|EMULATOR\.[0-9]{4})$/;

const resolved = (ctx, node) => (node && typeof node.$ref === 'string' ? ctx.resolve(node).node : node);

// Users migrating from the official SDK look their call up by this name.
function OperationSdkMethod() {
  return {
    Operation: {
      enter(operation, ctx) {
        if (typeof operation['x-hwc-sdk-method'] !== 'string') {
          ctx.report({
            message: 'Every operation names the official SDK method in `x-hwc-sdk-method`.',
            location: ctx.location.key(),
          });
        }
      },
    },
  };
}

function mediaExamples(ctx, response) {
  const content = resolved(ctx, response)?.content ?? {};
  return Object.values(content).map((media) => {
    const examples = resolved(ctx, media)?.examples ?? {};
    return Object.fromEntries(Object.entries(examples).map(([k, v]) => [k, resolved(ctx, v)]));
  });
}

// Prism and the docs show the `default` example first; every 2xx body has one.
function SuccessResponseDefaultExample() {
  return {
    Response: {
      leave(response, ctx) {
        if (!/^2/.test(String(ctx.key))) return;
        for (const examples of mediaExamples(ctx, response)) {
          if (!examples.default) {
            ctx.report({
              message: 'A 2xx response body needs an example named `default`.',
              location: ctx.location.key(),
            });
          }
        }
      },
    },
  };
}

// Error examples carry a real service code in the service's own shape.
function ErrorResponseExampleCode() {
  return {
    Response: {
      leave(response, ctx) {
        if (!/^[45]/.test(String(ctx.key))) return;
        const all = mediaExamples(ctx, response);
        if (all.length === 0 || all.some((examples) => Object.keys(examples).length === 0)) {
          ctx.report({
            message: 'An error response needs at least one example.',
            location: ctx.location.key(),
          });
          return;
        }
        for (const examples of all) {
          for (const [name, example] of Object.entries(examples)) {
            const value = example?.value ?? {};
            const code = value.error?.code ?? value.error_code;
            if (!ERROR_CODE.test(String(code))) {
              ctx.report({
                message: `Error example \`${name}\` must carry an AS.nnnn, APIGW.nnnn, SVCSTG.nnnnnnnn or EMULATOR.nnnn code.`,
                location: ctx.location.key(),
              });
            }
          }
        }
      },
    },
  };
}

// For a document that reuses another service's schemas (the emulator's control plane): the error codes those
// schemas name are that service's answers, not this document's, so its bundle drops them.
const SERVICE_ERROR_CODE_KEYS = ['x-hwc-error-code', 'x-hwc-missing-error-code'];
function RemoveServiceErrorCodes() {
  const strip = {
    leave(node) {
      for (const key of SERVICE_ERROR_CODE_KEYS) delete node[key];
    },
  };
  return { Schema: strip, RequestBody: strip };
}

export default function house() {
  return {
    id: 'house',
    rules: {
      oas3: {
        'operation-sdk-method': OperationSdkMethod,
        'success-response-default-example': SuccessResponseDefaultExample,
        'error-response-example-code': ErrorResponseExampleCode,
      },
    },
    decorators: {
      oas3: {
        'remove-service-error-codes': RemoveServiceErrorCodes,
      },
    },
  };
}
