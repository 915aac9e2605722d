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

/** The `users` columns an actor is made of. */
export interface ActorUserRow {
  id: number;
  uuid: string;
  username: string;
  first_name: string;
  last_name: string;
  is_staff: boolean;
  is_support: boolean;
}

/** The actor a `users` row stands for. */
export function actorFromUser(u: ActorUserRow): Actor {
  return {
    id: u.id,
    uuid: u.uuid,
    username: u.username,
    fullName: `${u.first_name} ${u.last_name}`.trim(),
    isStaff: u.is_staff,
    isSupport: u.is_support,
  };
}

/** Whether the actor sees every object regardless of role grants (staff and global support). */
export function seesEverything(actor: Actor): boolean {
  return actor.isStaff || actor.isSupport;
}
