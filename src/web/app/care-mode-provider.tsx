import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { createContext, use, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { updatePreferences } from '../../shared/contracts/auth-contracts';
import { useSession } from '../features/auth/use-session';
import { apiCall } from '../lib/api-client';
import { errorMessage } from '../lib/use-form-errors';
import { careTheme, standardTheme } from './app-theme';

interface CareModeValue {
  careMode: boolean;
  setCareMode: (next: boolean) => void;
  saveError: string | null;
}

const CareModeContext = createContext<CareModeValue | null>(null);

export function useCareMode(): CareModeValue {
  const value = use(CareModeContext);
  if (!value) throw new Error('useCareMode needs CareModeProvider');
  return value;
}

/**
 * 关怀模式 (large text, high contrast) as antd theme plus a class on <html> for our own CSS.
 * Signed in, it is the account's saved preference; signed out, it lives only in memory. A choice
 * made on the login page is saved to the account that then signs in.
 */
export function CareModeProvider({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const user = state?.stage === 'active' ? state.user : null;
  const [signedOutChoice, setSignedOutChoice] = useState(false);
  const [saving, setSaving] = useState<boolean | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const choseWhileSignedOut = useRef(false);

  const save = useCallback((next: boolean) => {
    setSaving(next);
    setSaveError(null);
    apiCall(updatePreferences, { body: { careMode: next } })
      .catch((error: unknown) => setSaveError(`关怀模式未能保存：${errorMessage(error)}`))
      .finally(() => setSaving(null));
  }, []);

  const userId = user?.id;
  const userCareMode = user?.careMode;
  useEffect(() => {
    if (userCareMode === undefined) return;
    if (choseWhileSignedOut.current && userCareMode !== signedOutChoice) save(signedOutChoice);
    else setSignedOutChoice(userCareMode); // so the mode stays as it was after logging out
    choseWhileSignedOut.current = false;
    // only on sign-in and when the saved preference changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId, userCareMode]);

  const careMode = saving ?? userCareMode ?? signedOutChoice;

  useEffect(() => {
    document.documentElement.classList.toggle('care-mode', careMode);
  }, [careMode]);

  const setCareMode = useCallback(
    (next: boolean) => {
      setSignedOutChoice(next);
      if (userId) save(next);
      else choseWhileSignedOut.current = true;
    },
    [userId, save],
  );

  const value = useMemo(() => ({ careMode, setCareMode, saveError }), [careMode, setCareMode, saveError]);
  return (
    <CareModeContext value={value}>
      <ConfigProvider locale={zhCN} theme={careMode ? careTheme : standardTheme}>
        {children}
      </ConfigProvider>
    </CareModeContext>
  );
}
