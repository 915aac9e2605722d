import type { Tx } from '../../../platform/db/database.js';
import { projectTeam, type TeamMember } from '../adapters/pg/team-query.js';

/**
 * `team` (api-contract §5, orders spec §13): the people of the resource's project, which the site
 * agent provisions as backend users. Visibility was checked by the route (both views serve it).
 */
export function resourceTeam(tx: Tx, projectId: number): Promise<TeamMember[]> {
  return projectTeam(tx, projectId);
}
