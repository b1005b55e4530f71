import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { getPerson, unmaskPerson, type PersonDetail } from '../../../shared/contracts/persons-contracts';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { apiCall } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';
import { useCurrentUser } from '../auth/use-session';
import { useRegionTree } from '../regions/use-region-tree';
import type { DetailLocationState } from './person-detail';
import { PersonForm } from './person-form';
import { valuesFromPerson, type PersonFormValues } from './person-form-model';
import { indexRegions, useProvinceTree } from './person-labels';

interface Loaded {
  person: PersonDetail;
  values: PersonFormValues;
  round: number;
}

/** The full numbers of a person, each through the audited unmask, with one reason. */
async function loadFullNumbers(person: PersonDetail, reason: string) {
  const unmask = async (field: 'idNumber' | 'certificateNumber' | 'phone') =>
    (await apiCall(unmaskPerson, { params: { id: person.id }, body: { field, reason } })).value;
  const [idNumber, certificateNumber, phone] = await Promise.all([
    unmask('idNumber'),
    person.certificateNumber ? unmask('certificateNumber') : Promise.resolve(null),
    person.phone ? unmask('phone') : Promise.resolve(null),
  ]);
  return { idNumber: idNumber ?? '', certificateNumber, phone };
}

/**
 * Editing sends the whole record, numbers included, and the screen only has masked numbers: so
 * the registrar first loads the full numbers through the audited unmask, with a reason. The
 * numbers then live only in this form's state.
 */
export function PersonEdit({ person }: { person: PersonDetail }) {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { root } = useRegionTree(user.region.code);
  const province = useProvinceTree();
  const regions = indexRegions(province);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [reloadError, setReloadError] = useState<string | null>(null);
  const loadedNote = useRef<HTMLParagraphElement>(null);

  async function start(nextReason: string, source: PersonDetail, round: number) {
    const numbers = await loadFullNumbers(source, nextReason);
    setReason(nextReason);
    setLoaded({ person: source, values: valuesFromPerson(source, numbers, (code) => regions.has(code)), round });
  }

  // the button that started the load is gone: land on the note that says what happened
  const focusNote = () => requestAnimationFrame(() => requestAnimationFrame(() => loadedNote.current?.focus()));

  async function reload() {
    if (!loaded || !reason) return;
    setReloadError(null);
    try {
      const fresh = await apiCall(getPerson, { params: { id: person.id } });
      queryClient.setQueryData(['persons', 'detail', fresh.id], fresh);
      await start(reason, fresh, loaded.round + 1);
      focusNote();
    } catch (error) {
      setReloadError(`未能重新载入：${errorMessage(error)}`);
    }
  }

  const reasonModal = (
    <ConfirmReasonModal
      open={asking}
      title={`修改人员信息：${person.name}`}
      description={<p>将载入此人员的完整证件号码和电话，用于核对和修改。</p>}
      confirmText="载入并修改"
      onConfirm={async (given) => {
        await start(given, person, 0);
        setAsking(false);
      }}
      onCancel={() => setAsking(false)}
      afterClose={() => {
        if (loaded) focusNote();
      }}
    />
  );

  // one place in the tree, so the dialog closes normally (and hands focus on) when the form appears
  return (
    <>
      {reasonModal}
      {loaded ? (
        <>
          {reloadError && <Alert type="error" role="alert" showIcon title={reloadError} className="page-notice" />}
          <p ref={loadedNote} tabIndex={-1} className="loaded-note">
            {loaded.round === 0 ? '完整号码已载入，可以开始修改。' : '已重新载入最新信息，请重新填写您要修改的内容。'}修改后先核对，再保存。
          </p>
          <PersonForm
            key={loaded.round}
            initialValues={loaded.values}
            editing={{ id: loaded.person.id, version: loaded.person.version }}
            scopeRoot={root}
            province={province}
            onSaved={(saved) => void navigate(`/persons/${saved.id}`, { state: { notice: '修改已保存。' } satisfies DetailLocationState })}
            onCancel={() => void navigate(`/persons/${person.id}`)}
            onReload={() => void reload()}
          />
        </>
      ) : (
        <>
          <p>
            修改时须核对完整的身份证号、残疾人证号和联系电话。请先说明原因并载入完整号码；载入会记入审计日志，号码只在本页面显示，离开后即不再显示。
          </p>
          <Button type="primary" htmlType="button" onClick={() => setAsking(true)}>
            载入完整号码并开始修改
          </Button>{' '}
          <Button htmlType="button" onClick={() => void navigate(`/persons/${person.id}`)}>
            取消
          </Button>
        </>
      )}
    </>
  );
}
