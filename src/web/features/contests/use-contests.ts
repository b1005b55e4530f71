import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractBody, ContractQuery } from '../../../shared/contracts/contract';
import {
  addBudgetLine,
  addEntrant,
  createContest,
  getContest,
  listContests,
  recordResults,
  removeBudgetLine,
  removeEntrant,
  updateContest,
  type ContestDetail,
} from '../../../shared/contracts/contests-contracts';
import { apiCall } from '../../lib/api-client';

export type ContestListQuery = NonNullable<ContractQuery<typeof listContests>>;
export type ContestBody = ContractBody<typeof createContest>;
export type ContestUpdateBody = ContractBody<typeof updateContest>;
export type ResultsBody = ContractBody<typeof recordResults>;
export type BudgetLineBody = ContractBody<typeof addBudgetLine>;

const contestsKey = ['contests'] as const;

export function useContestList(query: ContestListQuery) {
  return useQuery({
    queryKey: [...contestsKey, 'list', query],
    queryFn: () => apiCall(listContests, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useContest(id: string) {
  return useQuery({ queryKey: [...contestsKey, 'detail', id], queryFn: () => apiCall(getContest, { params: { id } }), staleTime: 0 });
}

export function useContestMutations() {
  const queryClient = useQueryClient();
  const store = (contest: ContestDetail) => {
    queryClient.setQueryData([...contestsKey, 'detail', contest.id], contest);
    void queryClient.invalidateQueries({ queryKey: [...contestsKey, 'list'] });
    // results change the talent candidate lists
    void queryClient.invalidateQueries({ queryKey: ['talent'] });
  };
  return {
    create: useMutation({ mutationFn: (body: ContestBody) => apiCall(createContest, { body }), onSuccess: store }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: ContestUpdateBody }) => apiCall(updateContest, { params: { id }, body }),
      onSuccess: store,
    }),
    addEntrant: useMutation({
      mutationFn: ({ id, personId, occupation }: { id: string; personId: string; occupation: string }) =>
        apiCall(addEntrant, { params: { id }, body: { personId, occupation } }),
      onSuccess: store,
    }),
    removeEntrant: useMutation({
      mutationFn: ({ id, entrantId }: { id: string; entrantId: string }) => apiCall(removeEntrant, { params: { id, entrantId } }),
      onSuccess: store,
    }),
    recordResults: useMutation({
      mutationFn: ({ id, body }: { id: string; body: ResultsBody }) => apiCall(recordResults, { params: { id }, body }),
      onSuccess: store,
    }),
    addBudgetLine: useMutation({
      mutationFn: ({ id, body }: { id: string; body: BudgetLineBody }) => apiCall(addBudgetLine, { params: { id }, body }),
      onSuccess: store,
    }),
    removeBudgetLine: useMutation({
      mutationFn: ({ id, lineId }: { id: string; lineId: string }) => apiCall(removeBudgetLine, { params: { id, lineId } }),
      onSuccess: (_ok, { id }) => queryClient.invalidateQueries({ queryKey: [...contestsKey, 'detail', id] }),
    }),
  };
}

/** Fen as yuan with two decimals, e.g. 1200000 → “12,000.00 元”. */
export function formatFen(fen: number): string {
  return `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
}
