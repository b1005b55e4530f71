import { useQuery } from '@tanstack/react-query';
import { listRegions } from '../../../shared/contracts/regions-contracts';
import type { RegionNode } from '../../../shared/domain/regions';
import { apiCall } from '../../lib/api-client';

export function findRegion(node: RegionNode, code: string): RegionNode | undefined {
  if (node.code === code) return node;
  for (const child of node.children) {
    const found = findRegion(child, code);
    if (found) return found;
  }
  return undefined;
}

/** The region tree cut down to one subtree (an account's own region): the only part it may pick from. */
export function useRegionTree(rootCode: string | undefined) {
  const query = useQuery({
    queryKey: ['regions'],
    queryFn: () => apiCall(listRegions),
    staleTime: Infinity,
  });
  const province = query.data?.province;
  return { root: province && rootCode ? findRegion(province, rootCode) : undefined, isError: query.isError };
}
