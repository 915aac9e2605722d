import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_SCHEMA_PATH, generateClientSchema } from '../../scripts/client-schema.js';

describe('the generated API client types', () => {
  it('match the committed OpenAPI document (run `npm run gen:client` after `npm run openapi`)', async () => {
    const committed = fs.readFileSync(CLIENT_SCHEMA_PATH, 'utf8');
    const generated = await generateClientSchema();
    expect(
      generated === committed,
      `${CLIENT_SCHEMA_PATH} is stale: run \`npm run gen:client\` and commit it`,
    ).toBe(true);
  });

  it('describe every path of the document', () => {
    const doc = JSON.parse(fs.readFileSync('openapi/openapi.json', 'utf8')) as {
      paths: Record<string, unknown>;
    };
    const schema = fs.readFileSync(CLIENT_SCHEMA_PATH, 'utf8');
    for (const p of Object.keys(doc.paths)) expect(schema, p).toContain(`"${p}": {`);
  });
});
