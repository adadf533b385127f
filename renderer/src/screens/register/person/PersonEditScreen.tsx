import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PersonDetail } from '@shared/api/register';
import { api } from '../../../api/client';
import { ScreenTitle } from '../../../components/ScreenTitle';
import { useSaveShortcut } from '../../../components/useSaveShortcut';
import { issuesOf, messageOf } from '../../../errors';
import { hrefFor, replacePath } from '../../../routing';
import { QrNotice, useQrNotice } from '../enroll/QrNotice';
import { focusFirstInvalid } from '../../../components/focusFirstInvalid';
import { outcomeOf, setFlash } from '../../../components/outcome';
import { personPagePath } from '../paths';
import { PersonFieldset } from '../person-form/PersonFieldset';
import { personFromDetail, toPersonInput } from '../person-form/personForm';
import { usePersonForm } from '../person-form/usePersonForm';
import { referenceOf, useReference } from '../useReference';
import { usePersonDetail } from './usePersonDetail';

// Sửa thông tin: the person's identity fields (people.update), with the same live checks as enrollment.

export function PersonEditScreen({ id }: { id: number }) {
  const { state, reload } = usePersonDetail(id);
  const back = (
    <p className="back-link">
      <a href={hrefFor(personPagePath(id))}>← Hồ sơ</a>
    </p>
  );
  if (state.status !== 'loaded') {
    return (
      <>
        {back}
        <ScreenTitle>Sửa thông tin</ScreenTitle>
        {state.status === 'loading' ? (
          <p role="status">Đang tải hồ sơ…</p>
        ) : (
          <div className="message message-error" role="alert">
            <p>{state.message}</p>
            <button type="button" className="btn btn-secondary" onClick={reload}>
              Thử lại
            </button>
          </div>
        )}
      </>
    );
  }
  return (
    <>
      {back}
      <ScreenTitle>Sửa thông tin — {state.value.person.fullName}</ScreenTitle>
      <RevealedEditForm detail={state.value} />
    </>
  );
}

/**
 * The person page carries masked identifiers; the form needs them in full (a masked ID cannot be saved
 * back). Opening the form for editing is a request to see them, so it goes through people.reveal (audited).
 */
function RevealedEditForm({ detail }: { detail: PersonDetail }) {
  const id = detail.person.id;
  const [revealed, setRevealed] = useState<{ citizenId: string; legacyId: string } | { error: string } | undefined>();
  useEffect(() => {
    let live = true;
    api('people.reveal', { id }).then(
      (value) => live && setRevealed(value),
      (error) => live && setRevealed({ error: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [id]);
  if (!revealed) return <p role="status">Đang tải hồ sơ…</p>;
  if ('error' in revealed) {
    return (
      <div className="message message-error" role="alert">
        <p>{revealed.error}</p>
      </div>
    );
  }
  return <EditForm detail={{ ...detail, person: { ...detail.person, ...revealed } }} />;
}

function EditForm({ detail }: { detail: PersonDetail }) {
  const id = detail.person.id;
  const reference = referenceOf(useReference());
  const person = usePersonForm(personFromDetail(detail.person), id);
  const qr = useQrNotice();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ message: string; other: string[] } | undefined>();
  // What the last refusal said no longer fits once the user changes something.
  useEffect(() => setFailure(undefined), [person.form]);
  const formRef = useRef<HTMLFormElement>(null);
  useSaveShortcut(() => formRef.current?.requestSubmit());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    person.touchAll();
    setSaving(true);
    setFailure(undefined);
    try {
      const result = await api('people.update', { id, person: toPersonInput(person.form) });
      setFlash(outcomeOf(`Đã lưu thông tin của ${person.form.fullName.trim()}.`, result.warnings));
      replacePath(personPagePath(id));
    } catch (error) {
      const issues = issuesOf(error);
      const other = person.takeIssues(issues);
      setFailure({ message: messageOf(error), other: other.map((i) => i.message) });
      focusFirstInvalid(formRef.current);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form ref={formRef} className="page-form" onSubmit={submit} noValidate aria-label="Sửa thông tin cá nhân">
      <section className="panel">
        <p className="form-legend">
          Các mục có dấu <span className="required-mark">*</span> là bắt buộc.
        </p>
        <QrNotice notice={qr.notice} />
        <PersonFieldset
          idPrefix="edit-person"
          form={person.form}
          onChange={person.change}
          onBlurField={person.blur}
          errors={person.errors}
          warnings={person.warnings}
          neighbourhoods={reference?.neighbourhoods.map((n) => n.name) ?? []}
          onQrRead={qr.show}
        />
        {person.general.length > 0 && (
          <div className="message message-warning">
            {person.general.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </div>
        )}
      </section>
      <div className="form-actions form-actions-page">
        <button type="submit" className="btn btn-primary" aria-disabled={saving || undefined}>
          {saving ? 'Đang lưu…' : 'Lưu'}
        </button>
        <a className="btn btn-secondary" href={hrefFor(personPagePath(id))}>
          Huỷ
        </a>
        <span className="shortcut-hint">
          hoặc nhấn <kbd>Ctrl</kbd> + <kbd>S</kbd>
        </span>
        <div className="form-outcome" role="alert">
          {failure && (
            <div className="outcome outcome-error">
              <p>{failure.message}</p>
              {failure.other.map((m) => (
                <p key={m}>{m}</p>
              ))}
            </div>
          )}
        </div>
      </div>
    </form>
  );
}
