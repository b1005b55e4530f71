import { useQuery } from '@tanstack/react-query';
import { publicSite } from '../../../shared/contracts/notices-contracts';
import { apiCall } from '../../lib/api-client';

/** The supervision phone and the notice period, shown on every public page. */
export function usePublicSite() {
  return useQuery({
    queryKey: ['public', 'site'],
    queryFn: () => apiCall(publicSite),
    staleTime: 5 * 60_000,
  });
}
