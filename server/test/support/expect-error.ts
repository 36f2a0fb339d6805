import type { ApiResponse, ErrorBody } from './harness';

/** The fields a 400 names in `error.details.fields`. */
export function fieldsOf(res: ApiResponse): string[] {
  return ((res.body as ErrorBody)?.error?.details?.fields ?? []).map((f) => f.field);
}

/**
 * Asserts the contract's error: status and code together (so a failure shows both), and for a 400
 * that names a field, that the field is among those named.
 */
export function expectError(res: ApiResponse, status: number, code: string, field?: string): void {
  expect({ status: res.status, code: (res.body as Partial<ErrorBody>)?.error?.code }).toEqual({ status, code });
  if (field !== undefined) expect(fieldsOf(res)).toContain(field);
}
