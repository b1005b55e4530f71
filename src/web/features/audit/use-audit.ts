import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { searchAudit, verifyAudit } from '../../../shared/contracts/audit-contracts';
import type { ContractQuery } from '../../../shared/contracts/contract';
import { apiCall } from '../../lib/api-client';

export type AuditQuery = NonNullable<ContractQuery<typeof searchAudit>>;

export function useAuditSearch(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', 'search', query],
    queryFn: () => apiCall(searchAudit, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => apiCall(verifyAudit, { body: {} }) });
}
