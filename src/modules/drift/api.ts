// The drift module's published surface (issue 13): the finding's JSON shape, its presenter and
// schema, for the resource representation. Others import from here, never from `drift/adapters/`.
export { type DriftJson, presentDrift } from './adapters/http/drift-presenter.js';
export { DriftOut } from './adapters/http/drift-schemas.js';
