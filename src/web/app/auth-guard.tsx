import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Action } from '../../shared/domain/permissions';
import { useCurrentUser, userCan, useSession } from '../features/auth/use-session';

export interface LoginRedirectState {
  from?: string;
}

/**
 * Business pages need a fully signed-in session; anything less goes to the login steps. After a
 * timeout the login returns the person to the page they were on; after a deliberate logout it
 * does not, since the next person at the screen may be someone else.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { state, notice } = useSession();
  const location = useLocation();
  if (!state?.authenticated || state.stage !== 'active' || !state.user) {
    const redirect: LoginRedirectState = notice?.reason === 'signed-out' ? {} : { from: location.pathname };
    return <Navigate to="/login" replace state={redirect} />;
  }
  return children;
}

/** The server refuses anyway; this keeps people from landing on a page that can only fail. */
export function RequireAction({ action, children }: { action: Action; children: ReactNode }) {
  const user = useCurrentUser();
  if (!userCan(user, action)) return <Navigate to="/forbidden" replace />;
  return children;
}
