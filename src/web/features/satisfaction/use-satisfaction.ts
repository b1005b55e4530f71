import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  answerAssistedSurvey,
  answerMySurvey,
  getAccreditationClassResults,
  getClassSatisfaction,
  getMySurvey,
  getSatisfactionSummary,
  listAssistedRoster,
  listMySurveys,
  type SatisfactionSummaryQuery,
  type SurveyAnswerInput,
} from '../../../shared/contracts/satisfaction-contracts';
import { apiCall } from '../../lib/api-client';

const key = ['satisfaction'] as const;

export function useMySurveys() {
  return useQuery({ queryKey: [...key, 'mine'], queryFn: () => apiCall(listMySurveys) });
}

export function useMySurvey(classId: string) {
  return useQuery({ queryKey: [...key, 'mine', classId], queryFn: () => apiCall(getMySurvey, { params: { id: classId } }), staleTime: 0 });
}

export function useClassSatisfaction(classId: string) {
  return useQuery({
    queryKey: [...key, 'class', classId],
    queryFn: () => apiCall(getClassSatisfaction, { params: { id: classId } }),
    staleTime: 0,
  });
}

export function useAssistedRoster(classId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'roster', classId],
    queryFn: () => apiCall(listAssistedRoster, { params: { id: classId } }),
    enabled,
    staleTime: 0,
  });
}

export function useSatisfactionSummary(query: SatisfactionSummaryQuery) {
  return useQuery({
    queryKey: [...key, 'summary', query],
    queryFn: () => apiCall(getSatisfactionSummary, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useAccreditationClassResults(accreditationId: string) {
  return useQuery({
    queryKey: [...key, 'accreditation', accreditationId],
    queryFn: () => apiCall(getAccreditationClassResults, { params: { id: accreditationId } }),
  });
}

export function useSurveyMutations() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  return {
    answerMine: useMutation({
      mutationFn: ({ classId, body }: { classId: string; body: SurveyAnswerInput }) =>
        apiCall(answerMySurvey, { params: { id: classId }, body }),
      onSuccess: refresh,
    }),
    answerAssisted: useMutation({
      mutationFn: ({ classId, enrolmentId, body }: { classId: string; enrolmentId: string; body: SurveyAnswerInput }) =>
        apiCall(answerAssistedSurvey, { params: { id: classId, enrolmentId }, body }),
      onSuccess: refresh,
    }),
  };
}
