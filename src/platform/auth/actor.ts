/** The authenticated caller of a use case, as resolved from an API token. */
export interface Actor {
  /** Internal user id. */
  id: number;
  /** Public user id (dashed uuid). */
  uuid: string;
  /** Login name. */
  username: string;
  /** Full name for audit lines. */
  fullName: string;
  /** Staff pass every permission check. */
  isStaff: boolean;
  /** Global support: sees everything, changes nothing it is not granted. */
  isSupport: boolean;
}

/** Whether the actor sees every object regardless of role grants (staff and global support). */
export function seesEverything(actor: Actor): boolean {
  return actor.isStaff || actor.isSupport;
}
