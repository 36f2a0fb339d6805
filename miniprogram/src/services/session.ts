import Taro from '@tarojs/taro';
import { tokenExpired } from './jwt';

export interface SessionUser {
  id: number;
  username: string;
  display_name: string;
  role: 'learner' | 'creator' | 'admin';
}

export interface Session {
  token: string;
  user: SessionUser;
}

const KEY = 'knowpay.session';
const listeners = new Set<() => void>();
let authListener: (() => void) | null = null;

/** The signed-in learner, kept in storage so a reload (or a new launch) stays signed in until the token expires. */
export function currentSession(): Session | null {
  const stored = Taro.getStorageSync<Session | ''>(KEY);
  if (!stored || typeof stored !== 'object' || !stored.token) return null;
  if (tokenExpired(stored.token, Date.now())) {
    Taro.removeStorageSync(KEY);
    return null;
  }
  return stored;
}

export function saveSession(session: Session): void {
  Taro.setStorageSync(KEY, session);
  listeners.forEach((l) => l());
}

export function clearSession(): void {
  Taro.removeStorageSync(KEY);
  listeners.forEach((l) => l());
}

/** Called whenever the learner signs in or out. Returns the unsubscribe function. */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Who handles "the server no longer accepts the token": the app sends the learner to sign in. */
export function onAuthRequired(listener: () => void): void {
  authListener = listener;
}

export function authRequired(): void {
  clearSession();
  authListener?.();
}
