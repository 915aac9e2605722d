// Regenerates openapi/openapi.json from the route schemas (`npm run openapi`).
import fs from 'node:fs';
import { generateOpenApi, serializeOpenApi } from '../src/app/openapi.js';

fs.mkdirSync('openapi', { recursive: true });
fs.writeFileSync('openapi/openapi.json', serializeOpenApi(await generateOpenApi()));
process.stdout.write('wrote openapi/openapi.json\n');
