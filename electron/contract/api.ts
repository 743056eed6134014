// The nested API object (`api.cases.list(...)`) built over any transport that can call a method by name.
import { CoreError } from './errors.js';
import type { ArgsIn, MethodName, Results } from './methods.js';
import { METHOD_NAMES } from './methods.js';

export type Caller = <M extends MethodName>(method: M, args: ArgsIn<M>) => Promise<Results[M]>;

type AreaOf<M extends string> = M extends `${infer A}.${string}` ? A : never;
export type Area = AreaOf<MethodName>;

export type CoreApi = {
  [A in Area]: {
    [M in MethodName as M extends `${A}.${infer Op}` ? Op : never]: (args?: ArgsIn<M>) => Promise<Results[M]>;
  };
};

/** Builds `api.area.op(args)` functions that forward to `call('area.op', args)`. */
export function makeApi(call: Caller): CoreApi {
  const api: Record<string, Record<string, (args?: unknown) => Promise<unknown>>> = {};
  for (const method of METHOD_NAMES) {
    const [area, op] = method.split('.') as [string, string];
    const group = (api[area] ??= {});
    group[op] = (args?: unknown) => call(method, (args ?? {}) as never);
  }
  return api as unknown as CoreApi;
}

export function unknownMethod(name: string): CoreError {
  return new CoreError('not-found', `unknown method "${name}"`);
}
