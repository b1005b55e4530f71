import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractBody, ContractQuery } from '../../../shared/contracts/contract';
import {
  applicableStandard,
  createStandard,
  endStandard,
  getStandard,
  listStandards,
  retireStandard,
} from '../../../shared/contracts/subsidy-standards-contracts';
import { apiCall } from '../../lib/api-client';

const key = ['subsidy-standards'] as const;

export type StandardListQuery = NonNullable<ContractQuery<typeof listStandards>>;
export type ApplicableQuery = NonNullable<ContractQuery<typeof applicableStandard>>;

export function useStandardList(query: StandardListQuery) {
  return useQuery({
    queryKey: [...key, 'list', query],
    queryFn: () => apiCall(listStandards, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useStandard(id: string) {
  return useQuery({ queryKey: [...key, 'detail', id], queryFn: () => apiCall(getStandard, { params: { id } }) });
}

/** The standard that applies to a training; runs only once every field is given. */
export function useApplicableStandard(query: ApplicableQuery | null) {
  return useQuery({
    queryKey: [...key, 'applicable', query],
    queryFn: () => apiCall(applicableStandard, { query: query! }),
    enabled: query !== null,
  });
}

export function useStandardMutations() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  return {
    create: useMutation({
      mutationFn: (body: NonNullable<ContractBody<typeof createStandard>>) => apiCall(createStandard, { body }),
      onSuccess: refresh,
    }),
    retire: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) => apiCall(retireStandard, { params: { id }, body: { reason } }),
      onSuccess: refresh,
    }),
    end: useMutation({
      mutationFn: ({ id, effectiveTo, reason }: { id: string; effectiveTo: string; reason: string }) =>
        apiCall(endStandard, { params: { id }, body: { effectiveTo, reason } }),
      onSuccess: refresh,
    }),
  };
}
