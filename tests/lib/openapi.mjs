// openapi.mjs: every API answer the tests receive, checked against the OpenAPI document (api/openapi/).
// Until the contract is written this only checks the answer is JSON where JSON is promised.
export function checkResponse(method, path, answer) {
  const type = answer.headers.get('content-type') || '';
  if (answer.status !== 204 && !/^(application\/json|text\/csv)/.test(type))
    throw new Error(`${method} ${path}: answered ${answer.status} with ${type}, not JSON`);
}
