import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractBody, ContractQuery } from '../../../shared/contracts/contract';
import {
  cancelPaymentBatch,
  createPaymentBatch,
  exportPaymentBatch,
  getPaymentBatch,
  IDEMPOTENCY_HEADER,
  listBatchCandidates,
  listBatchFunds,
  listPaymentBatches,
  payPaymentBatch,
  removeBatchClaim,
  reverseSubsidyPayment,
} from '../../../shared/contracts/subsidy-payments-contracts';
import { apiCall, downloadFile } from '../../lib/api-client';

const key = ['payment-batches'] as const;

export type BatchListQuery = NonNullable<ContractQuery<typeof listPaymentBatches>>;
type Body<C> = NonNullable<ContractBody<C>>;

export function useBatchList(query: BatchListQuery) {
  return useQuery({
    queryKey: [...key, 'list', query],
    queryFn: () => apiCall(listPaymentBatches, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useBatch(id: string) {
  return useQuery({ queryKey: [...key, 'detail', id], queryFn: () => apiCall(getPaymentBatch, { params: { id } }), staleTime: 0 });
}

export function useBatchFunds() {
  return useQuery({ queryKey: [...key, 'funds'], queryFn: () => apiCall(listBatchFunds) });
}

export function useBatchCandidates(fundId: string | null) {
  return useQuery({
    queryKey: [...key, 'candidates', fundId],
    queryFn: () => apiCall(listBatchCandidates, { query: { fundId: fundId! } }),
    enabled: fundId !== null,
    staleTime: 0,
  });
}

export function exportBatch(id: string, full?: { reason: string }): Promise<string> {
  return downloadFile(exportPaymentBatch, { params: { id }, query: full ? { full: 'true', reason: full.reason } : { full: 'false' } });
}

export function useBatchMutations() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  return {
    create: useMutation({
      mutationFn: (body: Body<typeof createPaymentBatch>) => apiCall(createPaymentBatch, { body }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: ({ id, claimId }: { id: string; claimId: string }) => apiCall(removeBatchClaim, { params: { id }, body: { claimId } }),
      onSuccess: refresh,
    }),
    cancel: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) => apiCall(cancelPaymentBatch, { params: { id }, body: { reason } }),
      onSuccess: refresh,
    }),
    pay: useMutation({
      mutationFn: ({ id, voucherRef, idempotencyKey }: { id: string; voucherRef: string; idempotencyKey: string }) =>
        apiCall(payPaymentBatch, { params: { id }, body: { voucherRef }, headers: { [IDEMPOTENCY_HEADER]: idempotencyKey } }),
      onSettled: refresh,
    }),
    reverse: useMutation({
      mutationFn: ({
        paymentId,
        body,
        idempotencyKey,
      }: {
        paymentId: string;
        body: Body<typeof reverseSubsidyPayment>;
        idempotencyKey: string;
      }) => apiCall(reverseSubsidyPayment, { params: { id: paymentId }, body, headers: { [IDEMPOTENCY_HEADER]: idempotencyKey } }),
      onSettled: refresh,
    }),
  };
}
