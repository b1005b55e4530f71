import { Button } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { useSession } from '../features/auth/use-session';
import { loadSession } from '../lib/api-client';
import { errorMessage } from '../lib/use-form-errors';
import { queryClient } from './query-client';

/** Nothing renders until the server has said who we are (and handed out a CSRF token). */
export function SessionGate({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const [failure, setFailure] = useState<string | null>(null);

  const load = useCallback(() => {
    loadSession().catch((error: unknown) => setFailure(errorMessage(error)));
  }, []);

  useEffect(load, [load]);

  // Cached answers belong to the account that fetched them: drop them when it changes or leaves.
  const userId = state?.user?.id;
  useEffect(() => () => queryClient.clear(), [userId]);

  if (state) return children;
  if (!failure) {
    return (
      <main id="main" className="gate">
        <LoadingState label="正在连接服务器…" />
      </main>
    );
  }
  return (
    <main id="main" className="gate">
      <PageHeader title="无法连接服务器" />
      <p role="alert">{failure}</p>
      <Button
        type="primary"
        onClick={() => {
          setFailure(null);
          load();
        }}
      >
        重试
      </Button>
    </main>
  );
}
