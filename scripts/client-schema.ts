import fs from 'node:fs';
import openapiTS, { type OpenAPI3 } from 'openapi-typescript';

/** Where the generated client types live (committed; the web app imports them). */
export const CLIENT_SCHEMA_PATH = 'openapi/client/schema.d.ts';

/** The committed OpenAPI document. */
export const OPENAPI_PATH = 'openapi/openapi.json';

/**
 * TypeScript types of every path and schema of the OpenAPI document (openapi-typescript, consumed by
 * openapi-fetch in `web/`). The same function writes the file and checks it for drift.
 */
export function generateClientSchema(doc = fs.readFileSync(OPENAPI_PATH, 'utf8')): Promise<string> {
  return openapiTS(JSON.parse(doc) as OpenAPI3, { silent: true });
}
