import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractBody, ContractQuery } from '../../../shared/contracts/contract';
import {
  claimFraudSignals,
  downloadClaimTrailFile,
  downloadClassTrailFile,
  getClaimTrail,
  getClassTrail,
  listFraudSignals,
  reviewFraudSignal,
} from '../../../shared/contracts/fund-supervision-contracts';
import { apiCall, downloadFile } from '../../lib/api-client';

const key = ['fund-supervision'] as const;

export type FraudSignalQuery = NonNullable<ContractQuery<typeof listFraudSignals>>;
export type ReviewBody = NonNullable<ContractBody<typeof reviewFraudSignal>>;

export function useClaimTrail(id: string) {
  return useQuery({ queryKey: [...key, 'claim', id], queryFn: () => apiCall(getClaimTrail, { params: { id } }), staleTime: 0 });
}

export function useClassTrail(id: string) {
  return useQuery({ queryKey: [...key, 'class', id], queryFn: () => apiCall(getClassTrail, { params: { id } }), staleTime: 0 });
}

export function useClaimSignals(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'signals', 'claim', id],
    queryFn: () => apiCall(claimFraudSignals, { params: { id } }),
    enabled,
  });
}

export function useFraudSignals(query: FraudSignalQuery) {
  return useQuery({ queryKey: [...key, 'signals', 'list', query], queryFn: () => apiCall(listFraudSignals, { query }) });
}

export function useReviewSignal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewBody) => apiCall(reviewFraudSignal, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...key, 'signals'] }),
  });
}

export function downloadClaimTrailDocument(claimId: string, fileId: string): Promise<string> {
  return downloadFile(downloadClaimTrailFile, { params: { id: claimId, fileId } });
}

export function downloadClassTrailDocument(classId: string, fileId: string): Promise<string> {
  return downloadFile(downloadClassTrailFile, { params: { id: classId, fileId } });
}
