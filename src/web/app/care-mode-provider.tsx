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
  /** a choice made while signed out, to be saved for whoever signs in next */
  const unsavedChoice = useRef<boolean | null>(null);

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
    const choice = unsavedChoice.current;
    unsavedChoice.current = null;
    if (choice !== null && choice !== userCareMode) save(choice);
    else setSignedOutChoice(userCareMode); // so the mode stays as it was after logging out
  }, [userId, userCareMode, save]);

  const careMode = saving ?? userCareMode ?? signedOutChoice;

  useEffect(() => {
    document.documentElement.classList.toggle('care-mode', careMode);
  }, [careMode]);

  const setCareMode = useCallback(
    (next: boolean) => {
      setSignedOutChoice(next);
      if (userId) save(next);
      else unsavedChoice.current = next;
    },
    [userId, save],
  );

  const value = useMemo(() => ({ careMode, setCareMode, saveError }), [careMode, setCareMode, saveError]);
  return (
    <CareModeContext value={value}>
      {/* antd would write 登录 as "登 录", changing the accessible name; and its red asterisk is read
          out as part of the label, so optional fields are marked in words instead (required ones
          carry aria-required). */}
      <ConfigProvider
        locale={zhCN}
        theme={careMode ? careTheme : standardTheme}
        button={{ autoInsertSpace: false }}
        form={{ requiredMark: 'optional' }}
      >
        {children}
      </ConfigProvider>
    </CareModeContext>
  );
}
