import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  getCertificate,
  getClassExam,
  issueCertificates,
  listClassCertificates,
  listSkillCertificates,
  type RecordSkillCertificateInput,
  recordSkillCertificate,
  revokeCertificate,
  type SaveClassExamInput,
  saveClassExam,
  verifyCertificate,
} from '../../../shared/contracts/certificates-contracts';
import { apiCall } from '../../lib/api-client';

const key = ['certificates'] as const;

export function useClassExam(classId: string) {
  return useQuery({ queryKey: [...key, 'exam', classId], queryFn: () => apiCall(getClassExam, { params: { id: classId } }), staleTime: 0 });
}

export function useSaveExam(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveClassExamInput) => apiCall(saveClassExam, { params: { id: classId }, body }),
    onSuccess: (exam) => queryClient.setQueryData([...key, 'exam', classId], exam),
  });
}

export function useClassCertificates(classId: string) {
  return useQuery({
    queryKey: [...key, 'class', classId],
    queryFn: () => apiCall(listClassCertificates, { params: { id: classId } }),
    staleTime: 0,
  });
}

export function useIssueCertificates(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (enrolmentIds?: string[]) =>
      apiCall(issueCertificates, { params: { id: classId }, body: enrolmentIds ? { enrolmentIds } : {} }),
    onSuccess: async (list) => {
      queryClient.setQueryData([...key, 'class', classId], list);
      await queryClient.invalidateQueries({ queryKey: [...key, 'exam', classId] });
    },
  });
}

export function useCertificate(id: string) {
  return useQuery({ queryKey: [...key, 'detail', id], queryFn: () => apiCall(getCertificate, { params: { id } }), staleTime: 0 });
}

export function useRevokeCertificate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => apiCall(revokeCertificate, { params: { id }, body: { reason } }),
    onSuccess: async (view) => {
      queryClient.setQueryData([...key, 'detail', view.id], view);
      await queryClient.invalidateQueries({ queryKey: [...key, 'class', view.classId] });
      await queryClient.invalidateQueries({ queryKey: [...key, 'exam', view.classId] });
    },
  });
}

export function useSkillCertificates(classId: string) {
  return useQuery({
    queryKey: [...key, 'skill', classId],
    queryFn: () => apiCall(listSkillCertificates, { params: { id: classId } }),
  });
}

export function useRecordSkillCertificate(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RecordSkillCertificateInput) => apiCall(recordSkillCertificate, { params: { id: classId }, body }),
    onSuccess: (list) => queryClient.setQueryData([...key, 'skill', classId], list),
  });
}

/** The public check: no retry on a 404 (an unknown code is an answer, not a failure). */
export function usePublicCertificate(code: string) {
  return useQuery({
    queryKey: ['public', 'certificate', code],
    queryFn: () => apiCall(verifyCertificate, { params: { code } }),
    retry: false,
  });
}
