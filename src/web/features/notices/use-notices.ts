import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractBody, ContractQuery } from '../../../shared/contracts/contract';
import {
  decideObjection,
  fileObjection,
  getNotice,
  getPublicNotice,
  listNotices,
  listPublicNotices,
  lookupObjection,
  withdrawNotice,
} from '../../../shared/contracts/notices-contracts';
import type { NoticeKind } from '../../../shared/domain/notice-rules';
import { apiCall } from '../../lib/api-client';

export type NoticeListQuery = NonNullable<ContractQuery<typeof listNotices>>;
export type FileObjectionBody = ContractBody<typeof fileObjection>;
export type DecideObjectionBody = ContractBody<typeof decideObjection>;

const publicKey = ['public', 'notices'] as const;
const staffKey = ['notices'] as const;

// ------------------------------------------------------------------ public

export function usePublicNotices(kind: NoticeKind | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...publicKey, 'list', kind ?? 'all', page, pageSize],
    queryFn: () => apiCall(listPublicNotices, { query: { kind, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
}

export function usePublicNotice(id: string) {
  return useQuery({
    queryKey: [...publicKey, 'detail', id],
    queryFn: () => apiCall(getPublicNotice, { params: { id } }),
    // the form token inside must be fresh enough for the server's age checks
    staleTime: 0,
    refetchOnWindowFocus: false,
  });
}

export function useFileObjection(noticeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: FileObjectionBody) => apiCall(fileObjection, { params: { id: noticeId }, body }),
    onSuccess: () => client.invalidateQueries({ queryKey: publicKey }),
  });
}

export function useLookupObjection() {
  return useMutation({ mutationFn: (lookupCode: string) => apiCall(lookupObjection, { body: { lookupCode } }) });
}

// ------------------------------------------------------------------ staff

export function useNoticeList(query: NoticeListQuery) {
  return useQuery({
    queryKey: [...staffKey, 'list', query],
    queryFn: () => apiCall(listNotices, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useNotice(id: string) {
  return useQuery({ queryKey: [...staffKey, 'detail', id], queryFn: () => apiCall(getNotice, { params: { id } }), staleTime: 0 });
}

export function useDecideObjection(noticeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ objectionId, body }: { objectionId: string; body: DecideObjectionBody }) =>
      apiCall(decideObjection, { params: { id: noticeId, objectionId }, body }),
    onSuccess: (detail) => {
      client.setQueryData([...staffKey, 'detail', noticeId], detail);
      return client.invalidateQueries({ queryKey: [...staffKey, 'list'] });
    },
  });
}

export function useWithdrawNotice(noticeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => apiCall(withdrawNotice, { params: { id: noticeId }, body: { reason } }),
    onSuccess: (detail) => {
      client.setQueryData([...staffKey, 'detail', noticeId], detail);
      return client.invalidateQueries({ queryKey: [...staffKey, 'list'] });
    },
  });
}
