import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractBody } from '../../../shared/contracts/contract';
import {
  acceptEnrolment,
  applyForClass,
  declineEnrolment,
  enrol,
  getRoster,
  getTrainingHistory,
  listMyClasses,
  listOpenClasses,
  withdrawEnrolment,
} from '../../../shared/contracts/enrolment-contracts';
import { apiCall } from '../../lib/api-client';

export type EnrolBody = ContractBody<typeof enrol>;

const enrolmentKey = ['enrolment'] as const;

export function useRoster(classId: string) {
  return useQuery({ queryKey: [...enrolmentKey, 'roster', classId], queryFn: () => apiCall(getRoster, { params: { id: classId } }) });
}

export function useTrainingHistory(personId: string) {
  return useQuery({
    queryKey: [...enrolmentKey, 'history', personId],
    queryFn: () => apiCall(getTrainingHistory, { params: { id: personId } }),
  });
}

export function useMyClasses() {
  return useQuery({ queryKey: [...enrolmentKey, 'mine'], queryFn: () => apiCall(listMyClasses), retry: false });
}

export function useOpenClasses(page: number, pageSize = 10) {
  return useQuery({
    queryKey: [...enrolmentKey, 'open', page, pageSize],
    queryFn: () => apiCall(listOpenClasses, { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Roster changes: each answers the changed line; the roster (and the class's counts) are read again. */
export function useRosterMutations(classId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: [...enrolmentKey, 'roster', classId] });
  return {
    enrol: useMutation({ mutationFn: (body: EnrolBody) => apiCall(enrol, { params: { id: classId }, body }), onSuccess: refresh }),
    accept: useMutation({
      mutationFn: (enrolmentId: string) => apiCall(acceptEnrolment, { params: { id: classId, enrolmentId } }),
      onSuccess: refresh,
    }),
    decline: useMutation({
      mutationFn: ({ enrolmentId, reason }: { enrolmentId: string; reason: string }) =>
        apiCall(declineEnrolment, { params: { id: classId, enrolmentId }, body: { reason } }),
      onSuccess: refresh,
    }),
    withdraw: useMutation({
      mutationFn: ({ enrolmentId, reason }: { enrolmentId: string; reason: string }) =>
        apiCall(withdrawEnrolment, { params: { id: classId, enrolmentId }, body: { reason } }),
      onSuccess: refresh,
    }),
  };
}

export function useApply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (classId: string) => apiCall(applyForClass, { params: { id: classId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: enrolmentKey }),
  });
}
