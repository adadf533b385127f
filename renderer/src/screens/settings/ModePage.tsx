import { useEffect, useState } from 'react';
import type { OfficeMode, OfficeModeView } from '@shared/api/receiving';
import { api } from '../../api/client';
import { messageOf } from '../../errors';
import { setOfficeMode } from '../../officeMode';

// Cài đặt → Chế độ làm việc (issue 17): a ward's register, or the receiving office (Đơn vị tổng hợp) that
// receives the wards' USB exports and adds them up. Main allows the change only while the app holds
// neither a register (people) nor received exports.

const LABELS: Record<OfficeMode, { title: string; text: string }> = {
  ward: { title: 'Sổ của phường, xã', text: 'Quản lý sổ đối tượng, chi trả hằng tháng và xuất báo cáo gửi tỉnh.' },
  receiving: {
    title: 'Đơn vị tổng hợp',
    text: 'Dùng ở Sở hoặc phòng văn hoá – xã hội: nhận bộ báo cáo các phường gửi qua USB, kiểm tra và tổng hợp. Không giữ sổ đối tượng của phường nào.',
  },
};

export function ModePage() {
  const [view, setView] = useState<OfficeModeView | undefined>();
  const [choice, setChoice] = useState<OfficeMode>('ward');
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  useEffect(() => {
    api('receiving.mode', {}).then(
      (v) => {
        setView(v);
        setChoice(v.mode);
      },
      (e: unknown) => setMessage({ text: messageOf(e), error: true }),
    );
  }, []);
  const save = async () => {
    setMessage(undefined);
    try {
      const v = await api('receiving.setMode', { mode: choice });
      setView(v);
      setOfficeMode(v.mode);
      setMessage({ text: `Đã chuyển sang chế độ «${LABELS[v.mode].title}».`, error: false });
    } catch (e) {
      setMessage({ text: messageOf(e), error: true });
    }
  };
  return (
    <section className="panel" aria-labelledby="mode-heading">
      <h2 id="mode-heading">Chế độ làm việc</h2>
      {view && (
        <fieldset className="mode-choice">
          <legend>Ứng dụng này dùng cho</legend>
          {(['ward', 'receiving'] as const).map((m) => (
            <label key={m} className="mode-option">
              <input
                type="radio"
                name="office-mode"
                value={m}
                checked={choice === m}
                onChange={() => setChoice(m)}
                disabled={view.lockedReason !== null}
              />
              <span>
                <strong>{LABELS[m].title}</strong> — {LABELS[m].text}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {view?.lockedReason && <p className="hint">{view.lockedReason}</p>}
      <div className="report-actions">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void save()}
          disabled={!view || view.lockedReason !== null || choice === view.mode}
        >
          Lưu chế độ
        </button>
      </div>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'outcome outcome-error' : 'outcome'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
