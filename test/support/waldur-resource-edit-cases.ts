import { addDays } from '../../src/modules/resources/domain/end-date.js';
import type { Case, CaseContext } from './waldur-cases.js';

const views = ['/api/marketplace-resources', '/api/marketplace-provider-resources'] as const;
const ahead = (days: number) => addDays(new Date().toISOString().slice(0, 10), days);

/** The token that may edit through a view: the consumer owner or the provider owner. */
const editor = (c: CaseContext, view: string) =>
  view === views[0] ? c.m.owner.token : c.m.providerOwner.token;

/** Resource edits, end dates and provider flags on both views (issue 15, item 3). */
export const RESOURCE_EDIT_CASES: Case[] = views
  .flatMap((view): Case[] => [
    [
      'PUT',
      `${view}/{uuid}/`,
      async (c) => ({
        url: `${view}/${await c.newResource()}/`,
        token: editor(c, view),
        body: { name: 'renamed', description: 'd', end_date: ahead(30) },
      }),
    ],
    [
      'PATCH',
      `${view}/{uuid}/`,
      async (c) => ({
        url: `${view}/${await c.newResource()}/`,
        token: editor(c, view),
        body: { description: 'patched' },
      }),
    ],
    [
      'POST',
      `${view}/{uuid}/set_end_date/`,
      async (c) => ({
        url: `${view}/${await c.newResource()}/set_end_date/`,
        token: c.m.staff.token,
        body: { end_date: ahead(10) },
      }),
    ],
    [
      'POST',
      `${view}/{uuid}/set_end_date_by_staff/`,
      async (c) => ({
        url: `${view}/${await c.newResource()}/set_end_date_by_staff/`,
        token: c.m.staff.token,
        body: { end_date: ahead(10) },
      }),
    ],
    ...(['paused', 'downscaled', 'restrict_member_access'] as const).map(
      (flag): Case => [
        'POST',
        `${view}/{uuid}/set_${flag}/`,
        async (c) => ({
          url: `${view}/${await c.newResource()}/set_${flag}/`,
          token: c.m.staff.token,
          body: { [flag]: true },
        }),
      ],
    ),
  ])
  .concat([
    [
      'POST',
      '/api/marketplace-provider-resources/{uuid}/set_end_date_by_provider/',
      async (c) => ({
        url: `/api/marketplace-provider-resources/${await c.newResource()}/set_end_date_by_provider/`,
        token: c.m.providerOwner.token,
        body: { end_date: ahead(10) },
      }),
    ],
  ]);
