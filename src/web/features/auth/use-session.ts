import { useSyncExternalStore } from 'react';
import { logout, type Me } from '../../../shared/contracts/auth-contracts';
import type { Action } from '../../../shared/domain/permissions';
import { apiCall } from '../../lib/api-client';
import { sessionStore } from '../../lib/session-store';

export function useSession() {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}

/** The signed-in user; only for components rendered behind RequireSession. */
export function useCurrentUser(): Me {
  const user = useSession().state?.user;
  if (!user) throw new Error('useCurrentUser used outside a signed-in route');
  return user;
}

export function userCan(user: Me | null | undefined, action: Action): boolean {
  return user?.actions.includes(action) ?? false;
}

/** Logging out always forgets the session locally, even when the server cannot be reached. */
export async function signOut(): Promise<void> {
  try {
    await apiCall(logout, { body: {} });
  } catch {
    // the server ends an unreachable session by its idle timeout
  } finally {
    sessionStore.end({ text: '您已退出登录。', reason: 'signed-out' });
  }
}
