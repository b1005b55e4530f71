import { useQueryClient } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { getPerson, type PersonDetail } from '../../../shared/contracts/persons-contracts';
import { LoadingState } from '../../components/loading-state';
import { apiCall } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';
import { useCurrentUser } from '../auth/use-session';
import { useRegionTree } from '../regions/use-region-tree';
import type { DetailLocationState } from './person-detail';
import { PersonForm } from './person-form';
import { valuesFromPerson } from './person-form-model';
import { indexRegions, useProvinceTree } from './person-labels';

/**
 * Editing starts from the record as the detail shows it: the ID number, certificate number and
 * phone stay masked, and a number is sent only when its “修改” was opened and a new value typed.
 * So an edit needs no unmask (and writes no unmask audit row); reading a full number stays the
 * explicit, audited action on the detail page.
 */
export function PersonEdit({ person }: { person: PersonDetail }) {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { root } = useRegionTree(user.region.code);
  const province = useProvinceTree();
  const [current, setCurrent] = useState({ person, round: 0 });
  const [reloadError, setReloadError] = useState<string | null>(null);
  const reloadedNote = useRef<HTMLParagraphElement>(null);
  const initialValues = useMemo(() => {
    if (!province) return null;
    const regions = indexRegions(province);
    return valuesFromPerson(current.person, (code) => regions.has(code));
  }, [current.person, province]);

  // the button that asked for the reload is gone with the old form: land on the note that says what happened
  const focusNote = () => requestAnimationFrame(() => requestAnimationFrame(() => reloadedNote.current?.focus()));

  async function reload() {
    setReloadError(null);
    try {
      const fresh = await apiCall(getPerson, { params: { id: person.id } });
      queryClient.setQueryData(['persons', 'detail', fresh.id], fresh);
      setCurrent((before) => ({ person: fresh, round: before.round + 1 }));
      focusNote();
    } catch (error) {
      setReloadError(`未能重新载入：${errorMessage(error)}`);
    }
  }

  // hukou inside or outside the province is decided from the region tree: wait for it
  if (!initialValues) return <LoadingState />;
  return (
    <>
      {reloadError && <Alert type="error" role="alert" showIcon title={reloadError} className="page-notice" />}
      {current.round > 0 && (
        <p ref={reloadedNote} tabIndex={-1} className="loaded-note">
          已重新载入最新信息，请重新填写您要修改的内容。修改后先核对，再保存。
        </p>
      )}
      <PersonForm
        key={current.round}
        initialValues={initialValues}
        editing={current.person}
        scopeRoot={root}
        province={province}
        onSaved={(saved) => void navigate(`/persons/${saved.id}`, { state: { notice: '修改已保存。' } satisfies DetailLocationState })}
        onCancel={() => void navigate(`/persons/${person.id}`)}
        onReload={() => void reload()}
      />
    </>
  );
}
