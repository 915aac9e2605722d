// Regenerates openapi/client/schema.d.ts from openapi/openapi.json (`npm run gen:client`).
import fs from 'node:fs';
import path from 'node:path';
import { CLIENT_SCHEMA_PATH, generateClientSchema } from './client-schema.js';

fs.mkdirSync(path.dirname(CLIENT_SCHEMA_PATH), { recursive: true });
fs.writeFileSync(CLIENT_SCHEMA_PATH, await generateClientSchema());
process.stdout.write(`wrote ${CLIENT_SCHEMA_PATH}\n`);
