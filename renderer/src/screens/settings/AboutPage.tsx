import type { AppInfo } from '@shared/api/contract';
import { notesBetween, type ReleaseNotes } from '@shared/domain/release-notes';
import notesJson from '../../../../resources/release-notes/vi.json';

const NOTES = Object.fromEntries(
  Object.entries(notesJson).filter(([key]) => /^\d+\.\d+\.\d+/.test(key)),
) as ReleaseNotes;

/** Thông tin phiên bản: what is installed (for the support call and the province), and every release's notes. */
export function AboutPage({ info }: { info: AppInfo }) {
  const releases = notesBetween(NOTES, '0.0.0', info.build.appVersion === 'dev' ? '999.0.0' : info.build.appVersion);
  return (
    <>
      <section className="panel" aria-labelledby="about-heading">
        <h2 id="about-heading">Thông tin phiên bản</h2>
        <dl className="about-facts">
          <dt>Phiên bản ứng dụng</dt>
          <dd data-testid="about-app-version">{info.build.appVersion}</dd>
          <dt>Ngày đóng gói</dt>
          <dd data-testid="about-build-date">
            {info.build.buildDate === 'dev'
              ? 'Bản chạy từ mã nguồn'
              : info.build.buildDate.split('-').reverse().join('/')}
          </dd>
          <dt>Lược đồ dữ liệu</dt>
          <dd data-testid="about-schema-version">
            số {info.build.schemaVersion}
            {info.db.state === 'ok' &&
              info.db.schemaVersion !== info.build.schemaVersion &&
              ` (tệp dữ liệu: số ${info.db.schemaVersion})`}
          </dd>
          <dt>Tệp dữ liệu</dt>
          <dd>{info.db.path}</dd>
        </dl>
      </section>
      <section className="panel" aria-labelledby="notes-heading">
        <h2 id="notes-heading">Có gì mới</h2>
        {releases.map((release) => (
          <section key={release.version}>
            <h3>
              Phiên bản {release.version} ({release.date.split('-').reverse().join('/')})
            </h3>
            <ul>
              {release.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          </section>
        ))}
      </section>
    </>
  );
}
