import { useState } from 'react';
import type { OfficeMode } from '@shared/api/receiving';
import { api } from '../../api/client';
import { useApi } from '../../api/query';
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
  const mode = useApi('receiving.mode', {});
  const view = mode.value;
  // The option picked here, until saved; the mode in force otherwise.
  const [picked, setPicked] = useState<OfficeMode | undefined>();
  const choice = picked ?? view?.mode ?? 'ward';
  const [outcome, setOutcome] = useState<{ text: string; error: boolean } | undefined>();
  const message = outcome ?? (mode.error ? { text: messageOf(mode.error), error: true } : undefined);
  const save = async () => {
    setOutcome(undefined);
    try {
      // The command's answer comes back once receiving.mode has loaded again (the data layer).
      const v = await api('receiving.setMode', { mode: choice });
      setPicked(undefined);
      setOfficeMode(v.mode);
      setOutcome({ text: `Đã chuyển sang chế độ «${LABELS[v.mode].title}».`, error: false });
    } catch (e) {
      setOutcome({ text: messageOf(e), error: true });
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
                onChange={() => setPicked(m)}
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
