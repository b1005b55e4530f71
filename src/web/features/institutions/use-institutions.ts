import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractBody, ContractQuery } from '../../../shared/contracts/contract';
import {
  closeInstitution,
  createInstitution,
  createInstitutionAccount,
  getInstitution,
  getMyInstitution,
  type InstitutionAccountCommand,
  type InstitutionDetail,
  institutionAccountCommand,
  listInstitutionAccounts,
  listInstitutions,
  submitInstitution,
  updateInstitution,
  updateMyInstitution,
} from '../../../shared/contracts/institutions-contracts';
import { apiCall } from '../../lib/api-client';

export type InstitutionListQuery = NonNullable<ContractQuery<typeof listInstitutions>>;
export type InstitutionBody = ContractBody<typeof createInstitution>;
export type ProfileBody = ContractBody<typeof updateMyInstitution>;
export type NewAccountBody = ContractBody<typeof createInstitutionAccount>;

const key = ['institutions'] as const;

export function useInstitutionList(query: InstitutionListQuery) {
  return useQuery({
    queryKey: [...key, 'list', query],
    queryFn: () => apiCall(listInstitutions, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useInstitution(id: string) {
  return useQuery({
    queryKey: [...key, 'detail', id],
    queryFn: () => apiCall(getInstitution, { params: { id } }),
    // an edit form and the version it sends must start from what is stored now
    staleTime: 0,
  });
}

export function useMyInstitution() {
  return useQuery({ queryKey: [...key, 'mine'], queryFn: () => apiCall(getMyInstitution), staleTime: 0 });
}

export function useInstitutionAccounts(id: string) {
  return useQuery({ queryKey: [...key, 'accounts', id], queryFn: () => apiCall(listInstitutionAccounts, { params: { id } }) });
}

export function useInstitutionMutations() {
  const queryClient = useQueryClient();
  const store = (institution: InstitutionDetail) => {
    queryClient.setQueryData([...key, 'detail', institution.id], institution);
    void queryClient.invalidateQueries({ queryKey: [...key, 'list'] });
  };
  return {
    create: useMutation({ mutationFn: (body: InstitutionBody) => apiCall(createInstitution, { body }), onSuccess: store }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: InstitutionBody & { version: number } }) =>
        apiCall(updateInstitution, { params: { id }, body }),
      onSuccess: store,
    }),
    submit: useMutation({
      mutationFn: ({ id, version }: { id: string; version: number }) => apiCall(submitInstitution, { params: { id }, body: { version } }),
      onSuccess: store,
    }),
    close: useMutation({
      mutationFn: ({ id, version, reason }: { id: string; version: number; reason: string }) =>
        apiCall(closeInstitution, { params: { id }, body: { version, reason } }),
      onSuccess: (institution) => {
        store(institution);
        void queryClient.invalidateQueries({ queryKey: [...key, 'accounts', institution.id] });
      },
    }),
    updateMine: useMutation({
      mutationFn: (body: ProfileBody) => apiCall(updateMyInstitution, { body }),
      onSuccess: (institution) => queryClient.setQueryData([...key, 'mine'], institution),
    }),
  };
}

export function useAccountMutations(institutionId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: [...key, 'accounts', institutionId] });
  return {
    create: useMutation({
      mutationFn: (body: NewAccountBody) => apiCall(createInstitutionAccount, { params: { id: institutionId }, body }),
      onSuccess: refresh,
    }),
    command: useMutation({
      mutationFn: ({ accountId, command, reason }: { accountId: string; command: InstitutionAccountCommand; reason: string }) =>
        apiCall(institutionAccountCommand, { params: { id: institutionId, accountId, command }, body: { reason } }),
      onSuccess: refresh,
    }),
  };
}
