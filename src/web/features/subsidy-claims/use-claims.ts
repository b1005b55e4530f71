import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractBody, ContractQuery } from '../../../shared/contracts/contract';
import {
  extendClaimDeadline,
  generateClassClaims,
  getClaim,
  listClaims,
  listClassClaims,
  recheckClaim,
  submitClaim,
  submitClassClaims,
  unmaskClaimBankAccount,
  updateClaim,
  withdrawClaim,
} from '../../../shared/contracts/subsidy-claims-contracts';
import { apiCall } from '../../lib/api-client';

const key = ['subsidy-claims'] as const;

export type ClaimListQuery = NonNullable<ContractQuery<typeof listClaims>>;
type Body<C> = NonNullable<ContractBody<C>>;

export function useClaimList(query: ClaimListQuery) {
  return useQuery({ queryKey: [...key, 'list', query], queryFn: () => apiCall(listClaims, { query }), placeholderData: keepPreviousData });
}

export function useClaim(id: string) {
  return useQuery({ queryKey: [...key, 'detail', id], queryFn: () => apiCall(getClaim, { params: { id } }), staleTime: 0 });
}

export function useClassClaims(classId: string) {
  return useQuery({ queryKey: [...key, 'class', classId], queryFn: () => apiCall(listClassClaims, { params: { id: classId } }) });
}

/** The full bank account for finance; the server audits every call with its reason. */
export async function revealBankAccount(id: string, reason: string): Promise<string | null> {
  return (await apiCall(unmaskClaimBankAccount, { params: { id }, body: { reason } })).value;
}

export function useClaimMutations() {
  const queryClient = useQueryClient();
  // an ineligible decision is kept by the server although the call answers 409: refresh either way
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  return {
    generate: useMutation({
      mutationFn: (classId: string) => apiCall(generateClassClaims, { params: { id: classId } }),
      onSettled: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Body<typeof updateClaim> }) => apiCall(updateClaim, { params: { id }, body }),
      onSettled: refresh,
    }),
    submit: useMutation({
      mutationFn: ({ id, version }: { id: string; version: number }) => apiCall(submitClaim, { params: { id }, body: { version } }),
      onSettled: refresh,
    }),
    submitMany: useMutation({
      mutationFn: ({ classId, claimIds }: { classId: string; claimIds: string[] }) =>
        apiCall(submitClassClaims, { params: { id: classId }, body: { claimIds } }),
      onSettled: refresh,
    }),
    withdraw: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Body<typeof withdrawClaim> }) => apiCall(withdrawClaim, { params: { id }, body }),
      onSettled: refresh,
    }),
    recheck: useMutation({ mutationFn: (id: string) => apiCall(recheckClaim, { params: { id } }), onSettled: refresh }),
    extendDeadline: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Body<typeof extendClaimDeadline> }) =>
        apiCall(extendClaimDeadline, { params: { id }, body }),
      onSettled: refresh,
    }),
  };
}
