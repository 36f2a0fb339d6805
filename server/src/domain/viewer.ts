import type { Role } from './users/user.entity';

/** Who is asking: a signed-in user, or null for anonymous visitors. */
export type Viewer = { id: number; role: Role } | null;
