import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractBody, ContractQuery } from '../../../shared/contracts/contract';
import {
  addBudget,
  closeFund,
  createFund,
  exportFundLedger,
  exportReconciliation,
  fundLedger,
  getFund,
  getReconciliation,
  listFunds,
} from '../../../shared/contracts/funds-contracts';
import { apiCall, downloadFile } from '../../lib/api-client';

const key = ['funds'] as const;

export type FundListQuery = NonNullable<ContractQuery<typeof listFunds>>;

export function useFundList(query: FundListQuery) {
  return useQuery({ queryKey: [...key, 'list', query], queryFn: () => apiCall(listFunds, { query }), placeholderData: keepPreviousData });
}

export function useFund(id: string) {
  return useQuery({ queryKey: [...key, 'detail', id], queryFn: () => apiCall(getFund, { params: { id } }), staleTime: 0 });
}

export function useFundLedger(id: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...key, 'ledger', id, page, pageSize],
    queryFn: () => apiCall(fundLedger, { params: { id }, query: { page, pageSize } }),
    placeholderData: keepPreviousData,
  });
}

export function useReconciliation(query: { regionCode: string; year: number } | null) {
  return useQuery({
    queryKey: [...key, 'reconciliation', query],
    queryFn: () => apiCall(getReconciliation, { query: query! }),
    enabled: query !== null,
    staleTime: 0,
  });
}

export function downloadLedger(id: string): Promise<string> {
  return downloadFile(exportFundLedger, { params: { id } });
}

export function downloadReconciliation(query: { regionCode: string; year: number }): Promise<string> {
  return downloadFile(exportReconciliation, { query });
}

export function useFundMutations() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  return {
    create: useMutation({
      mutationFn: (body: NonNullable<ContractBody<typeof createFund>>) => apiCall(createFund, { body }),
      onSuccess: refresh,
    }),
    budget: useMutation({
      mutationFn: ({ id, body }: { id: string; body: NonNullable<ContractBody<typeof addBudget>> }) =>
        apiCall(addBudget, { params: { id }, body }),
      onSuccess: refresh,
    }),
    close: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) => apiCall(closeFund, { params: { id }, body: { reason } }),
      onSuccess: refresh,
    }),
  };
}
