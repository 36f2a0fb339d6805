import { useEffect, useState } from 'react';
import { currentSession, onSessionChange, type Session } from '../services/session';

/** The signed-in learner (or null), re-rendering on sign in and out. */
export function useSession(): Session | null {
  const [session, setSession] = useState(currentSession);
  useEffect(() => onSessionChange(() => setSession(currentSession())), []);
  return session;
}
