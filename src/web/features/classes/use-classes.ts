import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type ClassCommandInput,
  type ClassDetail,
  type ClassInput,
  type ClassListQuery,
  type ClassStepCommand,
  createClass,
  getClass,
  getClassFormOptions,
  getClassReviewQueue,
  listClasses,
  recordTrainerWaiver,
  removeTrainerWaiver,
  runClassCommand,
  type UpdateClassInput,
  updateClass,
} from '../../../shared/contracts/classes-contracts';
import { listRegions } from '../../../shared/contracts/regions-contracts';
import { apiCall } from '../../lib/api-client';

const key = ['classes'] as const;

export function useClassList(query: ClassListQuery) {
  return useQuery({
    queryKey: [...key, 'list', query],
    queryFn: () => apiCall(listClasses, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useClass(id: string) {
  // an edit form and the action bar must start from what is stored now
  return useQuery({ queryKey: [...key, 'detail', id], queryFn: () => apiCall(getClass, { params: { id } }), staleTime: 0 });
}

export function useReviewQueue() {
  return useQuery({ queryKey: [...key, 'review-queue'], queryFn: () => apiCall(getClassReviewQueue), staleTime: 0 });
}

/** The programmes, bases and trainers an application may name; the trainers' may-teach answers are for `on`. */
export function useClassFormOptions(on: string | undefined) {
  return useQuery({
    queryKey: [...key, 'form-options', on ?? ''],
    queryFn: () => apiCall(getClassFormOptions, { query: on ? { on } : {} }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** The whole province, for the venue region (a class may run anywhere in it). */
export function useProvinceRegions() {
  const query = useQuery({ queryKey: ['regions'], queryFn: () => apiCall(listRegions), staleTime: Infinity });
  return query.data?.province;
}

export function useClassMutations() {
  const queryClient = useQueryClient();
  /** the answer is the class as stored now: cache it, and let the lists refetch */
  const store = (detail: ClassDetail) => {
    queryClient.setQueryData([...key, 'detail', detail.id], detail);
    void queryClient.invalidateQueries({ queryKey: [...key, 'list'] });
    void queryClient.invalidateQueries({ queryKey: [...key, 'review-queue'] });
  };
  return {
    create: useMutation({ mutationFn: (body: ClassInput) => apiCall(createClass, { body }), onSuccess: store }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UpdateClassInput }) => apiCall(updateClass, { params: { id }, body }),
      onSuccess: store,
    }),
    command: useMutation({
      mutationFn: ({ id, command, body }: { id: string; command: ClassStepCommand; body: ClassCommandInput }) =>
        apiCall(runClassCommand, { params: { id, command }, body }),
      onSuccess: store,
    }),
    waive: useMutation({
      mutationFn: ({ id, trainerId, reason }: { id: string; trainerId: string; reason: string }) =>
        apiCall(recordTrainerWaiver, { params: { id, trainerId }, body: { reason } }),
      onSuccess: store,
    }),
    removeWaiver: useMutation({
      mutationFn: ({ id, trainerId }: { id: string; trainerId: string }) => apiCall(removeTrainerWaiver, { params: { id, trainerId } }),
      onSuccess: store,
    }),
  };
}
