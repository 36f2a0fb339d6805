import type { TestApp } from './harness';

/** The parts of a JSON Schema (as zod-to-openapi writes it) the API tests read. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  pattern?: string;
  format?: string;
  default?: unknown;
  nullable?: boolean;
}

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** OpenAPI form: /api/courses/{id} */
  path: string;
  parameters: Parameter[];
  /** The JSON body's schema, when the route takes one. */
  body?: JsonSchema;
  multipart: boolean;
  secured: boolean;
}

interface Document {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> }; security?: unknown[] }>>;
}

/** Every operation of the API as /api/openapi.json describes it. */
export async function operations(app: TestApp): Promise<Operation[]> {
  const doc = (await app.request<Document>('GET', '/api/openapi.json')).body;
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method,
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content['application/json']?.schema,
      multipart: !!op.requestBody?.content['multipart/form-data'],
      secured: !!op.security?.length,
    })),
  );
}

/** The path with every {param} replaced. */
export function fillPath(path: string, values: Record<string, string> | ((name: string) => string)): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(typeof values === 'function' ? values(name) : (values[name] ?? '1')));
}

/** A schema's object variant (the body schemas are objects, sometimes wrapped in anyOf/allOf). */
export function objectOf(schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema) return undefined;
  if (schema.properties) return schema;
  for (const part of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    const found = objectOf(part);
    if (found) return found;
  }
  return undefined;
}

/** The schema's types, with anyOf flattened (zod writes nullish as anyOf [T, null]). */
export function typesOf(schema: JsonSchema): string[] {
  const own = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  return [...own, ...(schema.anyOf ?? []).flatMap(typesOf), ...(schema.oneOf ?? []).flatMap(typesOf)];
}

/** The first string variant of a schema (for maxLength and pattern). */
export function stringVariant(schema: JsonSchema): JsonSchema | undefined {
  if (typesOf({ type: schema.type }).includes('string')) return schema;
  for (const part of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    const found = stringVariant(part);
    if (found) return found;
  }
  return undefined;
}
