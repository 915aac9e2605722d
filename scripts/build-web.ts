// `npm run build:web`: builds the web UI into web/dist (always, even when it looks fresh).
import { ensureWebBuild } from './web-build.js';

await ensureWebBuild({ force: true, log: (line) => process.stdout.write(`${line}\n`) });
