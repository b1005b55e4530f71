import { QueryClientProvider } from '@tanstack/react-query';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { CareModeProvider } from './care-mode-provider';
import { queryClient } from './query-client';
import { SessionGate } from './session-gate';

dayjs.locale('zh-cn');

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <CareModeProvider>
        <SessionGate>{children}</SessionGate>
      </CareModeProvider>
    </QueryClientProvider>
  );
}
