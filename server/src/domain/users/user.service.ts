import { randomBytes } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../errors';
import { duplicateKeyIndex } from '../../shared/db-errors';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import type { AuditLog } from '../audit/audit-log.service';
import type { Viewer } from '../viewer';
import { hashPassword, passwordWeakness, verifyPassword } from './password';
import { User, type Role } from './user.entity';

/** What sign-in needs from WeChat: the mini-program's code2Session. */
export interface WechatLogin {
  code2Session(code: string): Promise<{ openid: string; unionid: string | null }>;
}

export interface RegisterInput {
  username: string;
  password: string;
  email?: string | null;
  phone?: string | null;
  displayName?: string | null;
}

const UNIQUE_FIELDS: Record<string, { field: string; code: string }> = {
  uq_users_username: { field: 'username', code: 'USERNAME_TAKEN' },
  uq_users_email: { field: 'email', code: 'EMAIL_TAKEN' },
  uq_users_phone: { field: 'phone', code: 'PHONE_TAKEN' },
};

// A fixed hash to compare against when the username does not exist, so both failures take the same time.
const DUMMY_HASH = hashPassword(randomBytes(12).toString('hex'));

export class UserService {
  private readonly users: Repository<User>;

  constructor(
    private readonly ds: DataSource,
    private readonly wechat: WechatLogin,
    private readonly audit: AuditLog,
  ) {
    this.users = ds.getRepository(User);
  }

  async register(input: RegisterInput): Promise<User> {
    const weakness = passwordWeakness(input.password, input.username);
    if (weakness) throw ValidationError.field('password', weakness, 'WEAK_PASSWORD');
    const user = this.users.create({
      username: input.username,
      displayName: input.displayName || input.username,
      passwordHash: await hashPassword(input.password),
      email: input.email?.toLowerCase() ?? null,
      phone: input.phone ?? null,
      role: 'learner',
    });
    try {
      await this.users.insert(user);
    } catch (err) {
      const index = duplicateKeyIndex(err);
      const unique = index === null ? undefined : UNIQUE_FIELDS[index];
      if (unique) {
        throw new ConflictError(`${unique.field}: already registered`, unique.code, { fields: [{ field: unique.field }] });
      }
      throw err;
    }
    return this.getById(user.id);
  }

  async login(username: string, password: string): Promise<User> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
    const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH));
    if (!user || !user.passwordHash || !ok) {
      throw new UnauthorizedError('wrong username or password', 'INVALID_CREDENTIALS');
    }
    return user;
  }

  /** Finds the user behind a wx.login code, creating a learner account on first sign-in. */
  async signInWithWechat(code: string): Promise<{ user: User; created: boolean }> {
    const { openid, unionid } = await this.wechat.code2Session(code);
    const existing = await this.users.findOneBy({ wechatOpenid: openid });
    if (existing) {
      if (unionid && existing.wechatUnionid !== unionid) {
        await this.users.update(existing.id, { wechatUnionid: unionid });
        existing.wechatUnionid = unionid;
      }
      return { user: existing, created: false };
    }
    const suffix = randomBytes(5).toString('hex');
    const user = this.users.create({
      username: `wx_${suffix}`,
      displayName: `微信用户${suffix.slice(-4)}`,
      passwordHash: null,
      wechatOpenid: openid,
      wechatUnionid: unionid,
      role: 'learner',
    });
    try {
      await this.users.insert(user);
    } catch (err) {
      // Two first sign-ins of the same person raced; the other one created the account.
      if (duplicateKeyIndex(err) === 'uq_users_wechat_openid') {
        return { user: await this.users.findOneByOrFail({ wechatOpenid: openid }), created: false };
      }
      throw err;
    }
    return { user: await this.getById(user.id), created: true };
  }

  async getById(id: number): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundError('user');
    return user;
  }

  async findById(id: number): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  /** Anyone may open a shop: a learner becomes a creator; admins stay admins. */
  async becomeCreator(id: number): Promise<User> {
    const user = await this.getById(id);
    if (user.role === 'admin') throw new ForbiddenError('admins cannot become creators', 'ROLE_CHANGE_NOT_ALLOWED');
    if (user.role === 'learner') await this.users.update({ id, role: 'learner' }, { role: 'creator' });
    return this.getById(id);
  }

  /** Users for admins, newest first; `q` matches username, display name, email or phone. */
  async list(filter: { q?: string; role?: Role }, page: PageRequest): Promise<Page<User>> {
    const qb = this.users.createQueryBuilder('u').orderBy('u.id', 'DESC').skip(offsetOf(page)).take(page.pageSize);
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(u.username LIKE :like OR u.displayName LIKE :like OR u.email LIKE :like OR u.phone LIKE :like)', { like });
    }
    const [results, count] = await qb.getManyAndCount();
    return { count, results };
  }

  /**
   * An admin changes a user's role (audited). Not their own: an admin cannot lock the platform out of
   * its last admin by accident, and a role change always has a second person behind it.
   */
  async changeRole(admin: NonNullable<Viewer>, userId: number, role: Role): Promise<User> {
    if (admin.id === userId) throw new ConflictError('ask another admin to change your own role', 'OWN_ROLE');
    await this.ds.transaction(async (m) => {
      const user = await m.getRepository(User).findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundError('user');
      if (user.role === role) return;
      await m.getRepository(User).update(userId, { role });
      await this.audit.record(m, { actor: admin, action: 'user.role', subjectType: 'user', subjectId: userId, details: { from: user.role, to: role } });
    });
    return this.getById(userId);
  }
}
