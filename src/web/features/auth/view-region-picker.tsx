import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from 'antd';
import { useState } from 'react';
import { setViewRegion } from '../../../shared/contracts/auth-contracts';
import { RegionPicker } from '../../components/region-picker';
import { apiCall } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';
import { useRegionTree } from '../regions/use-region-tree';
import { useCurrentUser } from './use-session';

/**
 * Province and city staff may narrow what they see to one region below their own. The server
 * enforces the narrowing; every cached list is refetched for the new view. Choosing is separate
 * from applying (WCAG 3.2.2): arrowing through the list must not reload the data each time.
 */
export function ViewRegionPicker() {
  const user = useCurrentUser();
  const { root } = useRegionTree(user.region.code);
  const queryClient = useQueryClient();
  const current = user.viewRegion ?? user.region;
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');

  const change = useMutation({
    mutationFn: (viewRegionCode: string | null) => apiCall(setViewRegion, { body: { viewRegionCode } }),
    onSuccess: (state) => {
      setChosen(undefined);
      void queryClient.invalidateQueries();
      const view = state.user?.viewRegion ?? state.user?.region;
      setAnnouncement(view ? `查看范围已切换为${view.name}` : '');
    },
  });
  const apply = (code: string) => change.mutate(code === user.region.code ? null : code);
  const selected = chosen ?? current.code;

  return (
    <form
      className="view-region"
      aria-label="切换查看范围"
      onSubmit={(event) => {
        event.preventDefault();
        if (selected !== current.code) apply(selected);
      }}
    >
      <label htmlFor="view-region-picker">查看范围</label>
      <RegionPicker id="view-region-picker" root={root} value={selected} onChange={setChosen} />
      <Button htmlType="submit" size="small" loading={change.isPending} disabled={selected === current.code}>
        切换
      </Button>
      {user.viewRegion && (
        <Button size="small" htmlType="button" onClick={() => apply(user.region.code)} disabled={change.isPending}>
          恢复查看{user.region.name}全部
        </Button>
      )}
      <span role="status" className="visually-hidden">
        {announcement}
      </span>
      {change.isError && (
        <span role="alert" className="inline-error">
          查看范围未能切换：{errorMessage(change.error)}
        </span>
      )}
    </form>
  );
}
