import type { User } from '../../domain/users/user.entity';

/** A user as they see themselves. Password hashes and WeChat ids never leave the server. */
export function serializeMe(user: User) {
  return {
    id: user.id,
    username: user.username,
    display_name: user.displayName,
    email: user.email,
    phone: user.phone,
    role: user.role,
    wechat_bound: user.wechatOpenid !== null,
    registered_at: user.registeredAt.toISOString(),
  };
}

/** A user as others see them. */
export function serializePerson(user: Pick<User, 'id' | 'displayName'> | undefined) {
  return user ? { id: user.id, name: user.displayName } : null;
}
