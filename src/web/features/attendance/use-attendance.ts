import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MarkSessionAttendanceInput } from '../../../shared/contracts/attendance-contracts';
import {
  confirmScan,
  getClassAttendance,
  getSessionAttendance,
  issueQrToken,
  markSessionAttendance,
  previewScan,
} from '../../../shared/contracts/attendance-contracts';
import type { AttendanceDirection } from '../../../shared/domain/class-attendance';
import { apiCall } from '../../lib/api-client';

const attendanceKey = ['attendance'] as const;

export function useClassAttendance(classId: string) {
  return useQuery({
    queryKey: [...attendanceKey, 'class', classId],
    queryFn: () => apiCall(getClassAttendance, { params: { id: classId } }),
  });
}

export function useSessionAttendance(classId: string, sessionId: string | null) {
  return useQuery({
    queryKey: [...attendanceKey, 'session', classId, sessionId],
    queryFn: () => apiCall(getSessionAttendance, { params: { id: classId, sessionId: sessionId! } }),
    enabled: sessionId !== null,
    // the marking form must start from what is stored now (trainees may have just scanned)
    staleTime: 0,
  });
}

export function useMarkSession(classId: string, sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MarkSessionAttendanceInput) => apiCall(markSessionAttendance, { params: { id: classId, sessionId }, body }),
    onSuccess: async (sheet) => {
      queryClient.setQueryData([...attendanceKey, 'session', classId, sessionId], sheet);
      await queryClient.invalidateQueries({ queryKey: [...attendanceKey, 'class', classId] });
    },
  });
}

/** Seconds before a code expires that the next one is fetched, so a trainee never scans a dead one. */
const REFRESH_AHEAD_MS = 5_000;

/**
 * The QR code shown for a session and direction. Issuing a code writes nothing, so it is read like
 * a query and fetched again shortly before it expires (also while the window is not focused: the
 * screen in a classroom is rarely the focused window).
 */
export function useQrCode(classId: string, sessionId: string, direction: AttendanceDirection) {
  return useQuery({
    queryKey: [...attendanceKey, 'qr', classId, sessionId, direction],
    queryFn: () => apiCall(issueQrToken, { params: { id: classId, sessionId }, body: { direction } }),
    staleTime: 0,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchIntervalInBackground: true,
    refetchInterval: (query) => (query.state.data ? Math.max(1_000, query.state.data.validSeconds * 1000 - REFRESH_AHEAD_MS) : false),
  });
}

export function useScanPreview(token: string) {
  return useQuery({
    queryKey: [...attendanceKey, 'scan', token],
    queryFn: () => apiCall(previewScan, { params: { token } }),
    retry: false,
    staleTime: Infinity,
  });
}

export function useConfirmScan() {
  return useMutation({ mutationFn: (body: { token: string; deviceId: string }) => apiCall(confirmScan, { body }) });
}

const DEVICE_KEY = 'abletrain.attendance.device';

/** getRandomValues, not randomUUID: a phone on the local network over plain http has only the former. */
function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A random id this phone keeps for attendance: the server stores only a keyed hash of it, so several
 * trainees signing in on one phone can be noticed without identifying the phone.
 */
export function deviceId(): string {
  try {
    const stored = localStorage.getItem(DEVICE_KEY);
    if (stored && /^[A-Za-z0-9_-]{8,128}$/.test(stored)) return stored;
    const fresh = randomId();
    localStorage.setItem(DEVICE_KEY, fresh);
    return fresh;
  } catch {
    // storage switched off (private mode): a fresh id per scan still signs in
    return randomId();
  }
}
