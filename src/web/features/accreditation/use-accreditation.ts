import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  accredit,
  type AccreditationDetail,
  type AccreditationListQuery,
  applyForAccreditation,
  type ApplyInput,
  decideAccreditation,
  downgradeAccreditation,
  evaluateAccreditation,
  getAccreditation,
  getEvaluationSheet,
  listAccreditations,
  listPublicBases,
  listReminders,
  promoteAccreditation,
  publishEvaluationSheet,
  renewAccreditation,
} from '../../../shared/contracts/accreditation-contracts';
import type { ContractBody, ContractQuery } from '../../../shared/contracts/contract';
import { apiCall } from '../../lib/api-client';

const key = ['accreditations'] as const;

export type PublicBasesQuery = NonNullable<ContractQuery<typeof listPublicBases>>;

export function useAccreditationList(query: AccreditationListQuery) {
  return useQuery({
    queryKey: [...key, 'list', query],
    queryFn: () => apiCall(listAccreditations, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useAccreditation(id: string) {
  return useQuery({ queryKey: [...key, 'detail', id], queryFn: () => apiCall(getAccreditation, { params: { id } }), staleTime: 0 });
}

export function useReminders() {
  return useQuery({ queryKey: [...key, 'reminders'], queryFn: () => apiCall(listReminders) });
}

export function useScoreSheet() {
  return useQuery({ queryKey: [...key, 'sheet'], queryFn: () => apiCall(getEvaluationSheet), staleTime: 0 });
}

export function usePublicBases(query: PublicBasesQuery) {
  return useQuery({
    queryKey: ['public', 'bases', query],
    queryFn: () => apiCall(listPublicBases, { query }),
    placeholderData: keepPreviousData,
  });
}

type Body<C> = NonNullable<ContractBody<C>>;

export function useAccreditationMutations() {
  const queryClient = useQueryClient();
  const store = (detail: AccreditationDetail) => {
    queryClient.setQueryData([...key, 'detail', detail.id], detail);
    void queryClient.invalidateQueries({ queryKey: [...key, 'list'] });
    void queryClient.invalidateQueries({ queryKey: [...key, 'reminders'] });
    void queryClient.invalidateQueries({ queryKey: ['coverage'] });
  };
  return {
    apply: useMutation({ mutationFn: (body: ApplyInput) => apiCall(applyForAccreditation, { body }), onSuccess: store }),
    accredit: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Body<typeof accredit> }) => apiCall(accredit, { params: { id }, body }),
      onSuccess: store,
    }),
    renew: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Body<typeof renewAccreditation> }) =>
        apiCall(renewAccreditation, { params: { id }, body }),
      onSuccess: store,
    }),
    downgrade: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Body<typeof downgradeAccreditation> }) =>
        apiCall(downgradeAccreditation, { params: { id }, body }),
      onSuccess: store,
    }),
    promote: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Body<typeof promoteAccreditation> }) =>
        apiCall(promoteAccreditation, { params: { id }, body }),
      onSuccess: store,
    }),
    decide: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Body<typeof decideAccreditation> }) =>
        apiCall(decideAccreditation, { params: { id }, body }),
      onSuccess: store,
    }),
    evaluate: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Body<typeof evaluateAccreditation> }) =>
        apiCall(evaluateAccreditation, { params: { id }, body }),
      onSuccess: store,
    }),
    publishSheet: useMutation({
      mutationFn: (body: Body<typeof publishEvaluationSheet>) => apiCall(publishEvaluationSheet, { body }),
      onSuccess: (sheet) => queryClient.setQueryData([...key, 'sheet'], sheet),
    }),
  };
}
