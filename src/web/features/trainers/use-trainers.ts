import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractBody, ContractQuery } from '../../../shared/contracts/contract';
import {
  addRotation,
  checkMayTeach,
  createTrainer,
  designateTrainingBase,
  endTrainingBase,
  getTrainer,
  listRotationDue,
  listTrainerInstitutionOptions,
  listTrainers,
  listTrainingBases,
  type TrainerDetail,
  updateTrainer,
  voidRotation,
} from '../../../shared/contracts/trainers-contracts';
import { apiCall } from '../../lib/api-client';

export type TrainerListQuery = NonNullable<ContractQuery<typeof listTrainers>>;
export type RotationDueQuery = NonNullable<ContractQuery<typeof listRotationDue>>;
export type CreateTrainerBody = ContractBody<typeof createTrainer>;
export type UpdateTrainerBody = ContractBody<typeof updateTrainer>;
export type AddRotationBody = ContractBody<typeof addRotation>;

const trainersKey = ['trainers'] as const;

export function useTrainerList(query: TrainerListQuery) {
  return useQuery({
    queryKey: [...trainersKey, 'list', query],
    queryFn: () => apiCall(listTrainers, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useRotationDue(query: RotationDueQuery) {
  return useQuery({
    queryKey: [...trainersKey, 'due', query],
    queryFn: () => apiCall(listRotationDue, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useTrainer(id: string) {
  return useQuery({
    queryKey: [...trainersKey, 'detail', id],
    queryFn: () => apiCall(getTrainer, { params: { id } }),
    // an edit form must start from what is stored now
    staleTime: 0,
  });
}

export function useInstitutionOptions(enabled = true) {
  return useQuery({
    queryKey: [...trainersKey, 'institution-options'],
    queryFn: () => apiCall(listTrainerInstitutionOptions, { query: {} }),
    enabled,
    staleTime: 60_000,
  });
}

export function useTrainingBases() {
  return useQuery({ queryKey: [...trainersKey, 'bases'], queryFn: () => apiCall(listTrainingBases) });
}

/** The may-teach answer is asked on demand (a date typed and submitted), never per keystroke. */
export function useMayTeach() {
  return useMutation({ mutationFn: ({ id, on }: { id: string; on: string }) => apiCall(checkMayTeach, { params: { id }, query: { on } }) });
}

export function useTrainerMutations() {
  const queryClient = useQueryClient();
  /** the answer is the trainer as stored now: cache it, and let the lists refetch */
  const store = (trainer: TrainerDetail) => {
    queryClient.setQueryData([...trainersKey, 'detail', trainer.id], trainer);
    void queryClient.invalidateQueries({ queryKey: [...trainersKey, 'list'] });
    void queryClient.invalidateQueries({ queryKey: [...trainersKey, 'due'] });
  };
  const bases = () => queryClient.invalidateQueries({ queryKey: [...trainersKey, 'bases'] });
  return {
    create: useMutation({ mutationFn: (body: CreateTrainerBody) => apiCall(createTrainer, { body }), onSuccess: store }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UpdateTrainerBody }) => apiCall(updateTrainer, { params: { id }, body }),
      onSuccess: store,
    }),
    addRotation: useMutation({
      mutationFn: ({ id, body }: { id: string; body: AddRotationBody }) => apiCall(addRotation, { params: { id }, body }),
      onSuccess: store,
    }),
    voidRotation: useMutation({
      mutationFn: ({ id, rotationId, reason }: { id: string; rotationId: string; reason: string }) =>
        apiCall(voidRotation, { params: { id, rotationId }, body: { reason } }),
      onSuccess: store,
    }),
    designateBase: useMutation({
      mutationFn: (body: ContractBody<typeof designateTrainingBase>) => apiCall(designateTrainingBase, { body }),
      onSuccess: bases,
    }),
    endBase: useMutation({
      mutationFn: ({ id, endedOn, reason }: { id: string; endedOn: string; reason: string }) =>
        apiCall(endTrainingBase, { params: { id }, body: { endedOn, reason } }),
      onSuccess: bases,
    }),
  };
}
