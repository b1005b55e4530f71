import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractBody, ContractQuery } from '../../../shared/contracts/contract';
import {
  addConsent,
  createPerson,
  dismissDuplicate,
  getPerson,
  listDuplicates,
  listPersons,
  mergePersons,
  recordEmployment,
  searchPersonById,
  startImport,
  updatePerson,
  withdrawConsent,
  type PersonDetail,
} from '../../../shared/contracts/persons-contracts';
import { getJob } from '../../../shared/contracts/platform-contracts';
import { apiCall } from '../../lib/api-client';

export type PersonListQuery = NonNullable<ContractQuery<typeof listPersons>>;
export type CreatePersonBody = ContractBody<typeof createPerson>;
export type UpdatePersonBody = ContractBody<typeof updatePerson>;
export type AddConsentBody = ContractBody<typeof addConsent>;
export type RecordEmploymentBody = ContractBody<typeof recordEmployment>;
export type StartImportBody = ContractBody<typeof startImport>;

const personsKey = ['persons'] as const;

export function usePersonList(query: PersonListQuery) {
  return useQuery({
    queryKey: [...personsKey, 'list', query],
    queryFn: () => apiCall(listPersons, { query }),
    placeholderData: keepPreviousData, // keeps the table (and focus in it) steady while a page loads
  });
}

export function usePerson(id: string) {
  return useQuery({
    queryKey: [...personsKey, 'detail', id],
    queryFn: () => apiCall(getPerson, { params: { id } }),
    // an edit form must start from what is stored now, not from a cached copy
    staleTime: 0,
  });
}

export function useDuplicateList(query: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...personsKey, 'duplicates', query],
    queryFn: () => apiCall(listDuplicates, { query }),
    placeholderData: keepPreviousData,
  });
}

/** Lookup by number: the number travels in a POST body, never in a URL or a query key. */
export function useSearchById() {
  return useMutation({ mutationFn: (number: string) => apiCall(searchPersonById, { body: { number } }) });
}

export function usePersonMutations() {
  const queryClient = useQueryClient();
  /** the answer is the person as stored now: put it in the cache, and let lists refetch */
  const store = (person: PersonDetail) => {
    queryClient.setQueryData([...personsKey, 'detail', person.id], person);
    void queryClient.invalidateQueries({ queryKey: [...personsKey, 'list'] });
    void queryClient.invalidateQueries({ queryKey: [...personsKey, 'duplicates'] });
  };
  return {
    create: useMutation({ mutationFn: (body: CreatePersonBody) => apiCall(createPerson, { body }), onSuccess: store }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UpdatePersonBody }) => apiCall(updatePerson, { params: { id }, body }),
      onSuccess: store,
    }),
    addConsent: useMutation({
      mutationFn: ({ id, body }: { id: string; body: AddConsentBody }) => apiCall(addConsent, { params: { id }, body }),
      onSuccess: store,
    }),
    withdrawConsent: useMutation({
      mutationFn: ({ id, consentId, withdrawnOn }: { id: string; consentId: string; withdrawnOn: string }) =>
        apiCall(withdrawConsent, { params: { id, consentId }, body: { withdrawnOn } }),
      onSuccess: store,
    }),
    recordEmployment: useMutation({
      mutationFn: ({ id, body }: { id: string; body: RecordEmploymentBody }) => apiCall(recordEmployment, { params: { id }, body }),
      onSuccess: store,
    }),
    merge: useMutation({
      mutationFn: (body: { survivorId: string; mergedId: string; reason: string }) => apiCall(mergePersons, { body }),
      onSuccess: (person) => {
        store(person);
        void queryClient.invalidateQueries({ queryKey: [...personsKey, 'detail'] });
      },
    }),
    dismiss: useMutation({
      mutationFn: (body: { a: string; b: string }) => apiCall(dismissDuplicate, { body }),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: [...personsKey, 'duplicates'] }),
    }),
    startImport: useMutation({ mutationFn: (body: StartImportBody) => apiCall(startImport, { body }) }),
  };
}

/** A background job, asked again every second until it has finished. */
export function useJob(jobId: string | null) {
  return useQuery({
    queryKey: ['jobs', jobId],
    queryFn: () => apiCall(getJob, { params: { id: jobId! } }),
    enabled: jobId !== null,
    staleTime: 0,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'succeeded' || status === 'failed' ? false : 1000;
    },
  });
}
