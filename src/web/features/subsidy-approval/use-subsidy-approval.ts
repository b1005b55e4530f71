import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractQuery } from '../../../shared/contracts/contract';
import {
  approveClaims,
  listHeldClaims,
  listNoticeCandidates,
  listNoticeLists,
  publicNoticeLines,
  putOnNotice,
  rejectClaims,
  rejectHeldClaim,
  releaseHeldClaim,
  returnClaims,
  reviewFunds,
  reviewQueue,
} from '../../../shared/contracts/subsidy-approval-contracts';
import { apiCall } from '../../lib/api-client';

export type ReviewQueueQuery = NonNullable<ContractQuery<typeof reviewQueue>>;
export type ReviewDecision = 'approve' | 'return' | 'reject';

const key = ['subsidy-approval'] as const;

export function usePublicNoticeLines(noticeId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['public', 'subsidy-notices', noticeId],
    queryFn: () => apiCall(publicNoticeLines, { params: { noticeId } }),
    enabled,
  });
}

export function useNoticeCandidates(page: number, pageSize: number) {
  return useQuery({
    queryKey: [...key, 'candidates', page, pageSize],
    queryFn: () => apiCall(listNoticeCandidates, { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
  });
}

export function useNoticeLists(page: number, pageSize: number) {
  return useQuery({
    queryKey: [...key, 'lists', page, pageSize],
    queryFn: () => apiCall(listNoticeLists, { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
  });
}

export function useHeldClaims(page: number, pageSize: number) {
  return useQuery({
    queryKey: [...key, 'held', page, pageSize],
    queryFn: () => apiCall(listHeldClaims, { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
  });
}

export function usePutOnNotice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (claimIds: string[]) => apiCall(putOnNotice, { body: { claimIds } }),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

export function useHeldDecision() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, comment }: { id: string; decision: 'release' | 'reject'; comment: string }) =>
      apiCall(decision === 'release' ? releaseHeldClaim : rejectHeldClaim, { params: { id }, body: { comment } }),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

export function useReviewQueue(query: ReviewQueueQuery) {
  return useQuery({
    queryKey: [...key, 'queue', query],
    queryFn: () => apiCall(reviewQueue, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useReviewFunds(enabled: boolean) {
  return useQuery({ queryKey: [...key, 'funds'], queryFn: () => apiCall(reviewFunds, { query: {} }), enabled });
}

export function useReviewDecision() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      decision,
      claimIds,
      comment,
      fundId,
    }: {
      decision: ReviewDecision;
      claimIds: string[];
      comment?: string | undefined;
      fundId?: string | undefined;
    }) =>
      decision === 'approve'
        ? apiCall(approveClaims, { body: { claimIds, ...(comment && { comment }), ...(fundId && { fundId }) } })
        : apiCall(decision === 'return' ? returnClaims : rejectClaims, { body: { claimIds, comment: comment ?? '' } }),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
}
