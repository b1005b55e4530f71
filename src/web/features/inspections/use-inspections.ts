import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addClassRecord,
  addClassVideo,
  deleteClassRecord,
  downloadClassRecord,
  listClassRecords,
} from '../../../shared/contracts/class-records-contracts';
import type { ContractBody, ContractQuery } from '../../../shared/contracts/contract';
import {
  closeInspection,
  createDraw,
  downloadInspectionFile,
  getDraw,
  getInspection,
  listClassInspections,
  listInspections,
  recordFindings,
  replyToRectification,
  scheduleInspection,
  verifyDraw,
} from '../../../shared/contracts/inspections-contracts';
import { apiCall, downloadFile } from '../../lib/api-client';

const key = ['inspections'] as const;
const recordsKey = ['class-records'] as const;

export type InspectionListQuery = NonNullable<ContractQuery<typeof listInspections>>;
type Body<C> = NonNullable<ContractBody<C>>;

export function useInspectionList(query: InspectionListQuery) {
  return useQuery({
    queryKey: [...key, 'list', query],
    queryFn: () => apiCall(listInspections, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useInspection(id: string) {
  return useQuery({ queryKey: [...key, 'detail', id], queryFn: () => apiCall(getInspection, { params: { id } }), staleTime: 0 });
}

export function useClassInspections(classId: string) {
  return useQuery({ queryKey: [...key, 'class', classId], queryFn: () => apiCall(listClassInspections, { params: { id: classId } }) });
}

export function useDraw(id: string | null) {
  return useQuery({
    queryKey: [...key, 'draw', id],
    queryFn: () => apiCall(getDraw, { params: { id: id! } }),
    enabled: id !== null,
  });
}

export function checkDraw(id: string) {
  return apiCall(verifyDraw, { params: { id } });
}

export function downloadInspectionPhoto(id: string, fileId: string): Promise<string> {
  return downloadFile(downloadInspectionFile, { params: { id, fileId } });
}

export function useInspectionMutations() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  return {
    draw: useMutation({ mutationFn: (body: Body<typeof createDraw>) => apiCall(createDraw, { body }), onSuccess: refresh }),
    schedule: useMutation({
      mutationFn: ({ classId, body }: { classId: string; body: Body<typeof scheduleInspection> }) =>
        apiCall(scheduleInspection, { params: { id: classId }, body }),
      onSuccess: refresh,
    }),
    findings: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Body<typeof recordFindings> }) => apiCall(recordFindings, { params: { id }, body }),
      onSuccess: refresh,
    }),
    reply: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Body<typeof replyToRectification> }) =>
        apiCall(replyToRectification, { params: { id }, body }),
      onSuccess: refresh,
    }),
    close: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Body<typeof closeInspection> }) => apiCall(closeInspection, { params: { id }, body }),
      onSuccess: refresh,
    }),
  };
}

// --- class records (台账) ---

export function useClassRecords(classId: string) {
  return useQuery({ queryKey: [...recordsKey, classId], queryFn: () => apiCall(listClassRecords, { params: { id: classId } }) });
}

export function downloadRecord(classId: string, recordId: string): Promise<string> {
  return downloadFile(downloadClassRecord, { params: { id: classId, recordId } });
}

export function useClassRecordMutations(classId: string) {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: [...recordsKey, classId] });
  return {
    add: useMutation({
      mutationFn: (body: Body<typeof addClassRecord>) => apiCall(addClassRecord, { params: { id: classId }, body }),
      onSuccess: refresh,
    }),
    addVideo: useMutation({
      mutationFn: (body: Body<typeof addClassVideo>) => apiCall(addClassVideo, { params: { id: classId }, body }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (recordId: string) => apiCall(deleteClassRecord, { params: { id: classId, recordId } }),
      onSuccess: refresh,
    }),
  };
}
