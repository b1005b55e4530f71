import type { SessionState } from '../../shared/contracts/auth-contracts';

/**
 * The one in-memory home of the session as the browser knows it. Nothing here is ever written
 * to browser storage: the CSRF token and the user's data live only as long as the page.
 */
export interface LoginNotice {
  text: string;
  /** a deliberate logout, or the server / the idle timer ending the session */
  reason: 'signed-out' | 'expired';
}

interface Snapshot {
  /** null until the first GET /api/auth/session has answered */
  state: SessionState | null;
  notice: LoginNotice | null;
  /** epoch ms at which the server will end the session for idleness (capped by its absolute lifetime) */
  idleDeadline: number | null;
  /** whether the absolute lifetime, not idleness, is what ends the session at idleDeadline */
  absoluteLimited: boolean;
}

let snapshot: Snapshot = { state: null, notice: null, idleDeadline: null, absoluteLimited: false };
let absoluteDeadline: number | null = null;
const listeners = new Set<() => void>();

function publish(next: Partial<Snapshot>): void {
  snapshot = { ...snapshot, ...next };
  for (const listener of listeners) listener();
}

function deadlines(idleSeconds: number | null): Pick<Snapshot, 'idleDeadline' | 'absoluteLimited'> {
  if (idleSeconds === null) return { idleDeadline: null, absoluteLimited: false };
  const idle = Date.now() + idleSeconds * 1000;
  if (absoluteDeadline !== null && absoluteDeadline <= idle) return { idleDeadline: absoluteDeadline, absoluteLimited: true };
  return { idleDeadline: idle, absoluteLimited: false };
}

export const sessionStore = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get: (): Snapshot => snapshot,
  csrfToken: (): string | null => snapshot.state?.csrfToken || null,

  /** Every session-state answer from the server replaces what we know, CSRF token included. */
  accept(state: SessionState): void {
    absoluteDeadline = state.absoluteRemainingSeconds === null ? null : Date.now() + state.absoluteRemainingSeconds * 1000;
    publish({ state, ...deadlines(state.idleRemainingSeconds) });
  },

  /** Any successful call other than GET /api/auth/session restarts the server's idle timer. */
  touch(): void {
    const timeout = snapshot.state?.authenticated ? snapshot.state.idleTimeoutSeconds : null;
    if (timeout !== null && timeout !== undefined) publish(deadlines(timeout));
  },

  /** The session is over (logout, timeout, server said 401): forget the user and the token. */
  end(notice: LoginNotice | null): void {
    absoluteDeadline = null;
    const previous = snapshot.state;
    publish({
      state: {
        authenticated: false,
        csrfToken: '',
        demoMode: previous?.demoMode ?? false,
        stage: null,
        user: null,
        idleTimeoutSeconds: null,
        idleRemainingSeconds: null,
        absoluteRemainingSeconds: null,
        passwordExpiresInDays: null,
      },
      notice,
      idleDeadline: null,
      absoluteLimited: false,
    });
  },

  clearNotice(): void {
    if (snapshot.notice) publish({ notice: null });
  },
};
