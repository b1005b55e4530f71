import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractBody, ContractQuery } from '../../../shared/contracts/contract';
import {
  createProgramme,
  getProgramme,
  listProgrammes,
  listPublicCatalogue,
  retireProgramme,
  reviseProgramme,
  submitProgramme,
  updateProgramme,
  type ProgrammeDetail,
} from '../../../shared/contracts/catalogue-contracts';
import { apiCall } from '../../lib/api-client';

export type ProgrammeListQuery = NonNullable<ContractQuery<typeof listProgrammes>>;
export type PublicCatalogueQuery = NonNullable<ContractQuery<typeof listPublicCatalogue>>;
export type CreateProgrammeBody = ContractBody<typeof createProgramme>;
export type UpdateProgrammeBody = ContractBody<typeof updateProgramme>;

const catalogueKey = ['catalogue'] as const;

export function useProgrammeList(query: ProgrammeListQuery) {
  return useQuery({
    queryKey: [...catalogueKey, 'list', query],
    queryFn: () => apiCall(listProgrammes, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useProgramme(id: string) {
  return useQuery({ queryKey: [...catalogueKey, 'detail', id], queryFn: () => apiCall(getProgramme, { params: { id } }), staleTime: 0 });
}

export function usePublicCatalogue(query: PublicCatalogueQuery) {
  return useQuery({
    queryKey: [...catalogueKey, 'public', query],
    queryFn: () => apiCall(listPublicCatalogue, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useCatalogueMutations() {
  const queryClient = useQueryClient();
  /** the answer is the version as stored now; lists and the other versions of the chain refetch */
  const store = (programme: ProgrammeDetail) => {
    queryClient.setQueryData([...catalogueKey, 'detail', programme.id], programme);
    void queryClient.invalidateQueries({ queryKey: [...catalogueKey, 'list'] });
    for (const version of programme.history) {
      if (version.id !== programme.id) void queryClient.invalidateQueries({ queryKey: [...catalogueKey, 'detail', version.id] });
    }
  };
  return {
    create: useMutation({ mutationFn: (body: CreateProgrammeBody) => apiCall(createProgramme, { body }), onSuccess: store }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UpdateProgrammeBody }) => apiCall(updateProgramme, { params: { id }, body }),
      onSuccess: store,
    }),
    revise: useMutation({ mutationFn: (id: string) => apiCall(reviseProgramme, { params: { id } }), onSuccess: store }),
    submit: useMutation({ mutationFn: (id: string) => apiCall(submitProgramme, { params: { id } }), onSuccess: store }),
    retire: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) => apiCall(retireProgramme, { params: { id }, body: { reason } }),
      onSuccess: store,
    }),
  };
}
