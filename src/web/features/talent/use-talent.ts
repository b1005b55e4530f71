import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractBody, ContractQuery } from '../../../shared/contracts/contract';
import {
  addTalentMember,
  closeApprenticeship,
  createApprenticeship,
  decideCandidate,
  getApprenticeship,
  listApprenticeships,
  listCandidates,
  listTalentMembers,
  recordProgress,
  removeTalentMember,
  updateTalentMember,
  type ApprenticeshipDetail,
} from '../../../shared/contracts/talent-contracts';
import { apiCall } from '../../lib/api-client';

export type MemberQuery = NonNullable<ContractQuery<typeof listTalentMembers>>;
export type CandidateQuery = NonNullable<ContractQuery<typeof listCandidates>>;
export type ApprenticeshipQuery = NonNullable<ContractQuery<typeof listApprenticeships>>;
export type MemberBody = ContractBody<typeof addTalentMember>;
export type MemberUpdateBody = ContractBody<typeof updateTalentMember>;
export type ApprenticeshipBody = ContractBody<typeof createApprenticeship>;
export type ProgressBody = ContractBody<typeof recordProgress>;
export type CloseBody = ContractBody<typeof closeApprenticeship>;

const talentKey = ['talent'] as const;

export function useMembers(query: MemberQuery) {
  return useQuery({
    queryKey: [...talentKey, 'members', query],
    queryFn: () => apiCall(listTalentMembers, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useCandidates(query: CandidateQuery) {
  return useQuery({
    queryKey: [...talentKey, 'candidates', query],
    queryFn: () => apiCall(listCandidates, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useApprenticeships(query: ApprenticeshipQuery) {
  return useQuery({
    queryKey: [...talentKey, 'apprenticeships', query],
    queryFn: () => apiCall(listApprenticeships, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useApprenticeship(id: string) {
  return useQuery({
    queryKey: [...talentKey, 'apprenticeship', id],
    queryFn: () => apiCall(getApprenticeship, { params: { id } }),
    staleTime: 0,
  });
}

export function useTalentMutations() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: talentKey });
  const storePair = (pair: ApprenticeshipDetail) => {
    queryClient.setQueryData([...talentKey, 'apprenticeship', pair.id], pair);
    void queryClient.invalidateQueries({ queryKey: [...talentKey, 'apprenticeships'] });
  };
  return {
    addMember: useMutation({ mutationFn: (body: MemberBody) => apiCall(addTalentMember, { body }), onSuccess: refresh }),
    updateMember: useMutation({
      mutationFn: ({ id, body }: { id: string; body: MemberUpdateBody }) => apiCall(updateTalentMember, { params: { id }, body }),
      onSuccess: refresh,
    }),
    removeMember: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) => apiCall(removeTalentMember, { params: { id }, body: { reason } }),
      onSuccess: refresh,
    }),
    decide: useMutation({
      mutationFn: ({ id, decision }: { id: string; decision: 'accepted' | 'dismissed' }) =>
        apiCall(decideCandidate, { params: { id }, body: { decision } }),
      onSuccess: refresh,
    }),
    createPair: useMutation({ mutationFn: (body: ApprenticeshipBody) => apiCall(createApprenticeship, { body }), onSuccess: storePair }),
    recordProgress: useMutation({
      mutationFn: ({ id, body }: { id: string; body: ProgressBody }) => apiCall(recordProgress, { params: { id }, body }),
      onSuccess: storePair,
    }),
    close: useMutation({
      mutationFn: ({ id, body }: { id: string; body: CloseBody }) => apiCall(closeApprenticeship, { params: { id }, body }),
      onSuccess: storePair,
    }),
  };
}
