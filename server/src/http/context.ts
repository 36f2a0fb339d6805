import type { DefaultContext, ParameterizedContext } from 'koa';
import type { Container } from '../container';
import type { User } from '../domain/users/user.entity';
import type { Viewer } from '../domain/viewer';
import type { Logger } from '../logger';

export interface AppState {
  requestId: string;
  log: Logger;
  /** Set by `authenticate`: the signed-in user, or null. */
  user: User | null;
}

export interface AppContext extends DefaultContext {
  container: Container;
}

export type Ctx = ParameterizedContext<AppState, AppContext>;

export function viewerOf(ctx: Ctx): Viewer {
  const user = ctx.state.user;
  return user ? { id: user.id, role: user.role } : null;
}
