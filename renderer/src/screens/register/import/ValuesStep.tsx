import type { ImportAnalysis, ImportConfig } from '@shared/api/import';
import type { MethodTarget } from '@shared/domain/import-mapping';
import { SelectField } from '../../../components/SelectField';
import { AuthorizationTermChoice, MappingIssues } from './MappingChecks';

// Step 3: each distinct group text of the file → a group of the register, each payout-method text → a
// method; the analysis' proposals come preselected, with the reason shown.

interface ValuesStepProps {
  analysis: ImportAnalysis;
  config: ImportConfig;
  onConfig: (config: ImportConfig) => void;
}

export function ValuesStep({ analysis, config, onConfig }: ValuesStepProps) {
  const programmesOf = (sheets: string[]) =>
    new Set(config.sheets.filter((s) => sheets.includes(s.name)).map((s) => s.programme));
  const included = new Set(config.sheets.filter((s) => s.include).map((s) => s.name));
  const setGroup = (text: string, target: string) =>
    onConfig({ ...config, groups: config.groups.map((g) => (g.text === text ? { ...g, target: target || null } : g)) });
  const setMethod = (text: string, target: string) =>
    onConfig({
      ...config,
      methods: config.methods.map((m) =>
        m.text === text ? { ...m, target: (target || null) as MethodTarget | null } : m,
      ),
    });

  return (
    <>
      <section className="panel" aria-labelledby="import-groups-heading">
        <h2 id="import-groups-heading">Nhóm đối tượng</h2>
        <p className="lead">
          Mỗi cách ghi nhóm trong tệp ứng với một nhóm của sổ. Đã chọn sẵn theo đề xuất; sửa nếu chưa đúng.
        </p>
        <table className="data-table values-table">
          <thead>
            <tr>
              <th scope="col">Ghi trong tệp</th>
              <th scope="col" className="num">
                Số dòng
              </th>
              <th scope="col">Nhóm trong sổ</th>
            </tr>
          </thead>
          <tbody>
            {analysis.groups
              .filter((g) => g.sheets.some((s) => included.has(s)))
              .map((g, i) => {
                const target = config.groups.find((x) => x.text === g.text)?.target ?? '';
                const programmes = programmesOf(g.sheets);
                return (
                  <tr key={g.text} className={target ? undefined : 'value-unchosen'}>
                    <th scope="row">
                      {g.text}
                      <span className="muted values-sheets"> ({g.sheets.join(', ')})</span>
                    </th>
                    <td className="num">{g.count}</td>
                    <td>
                      <SelectField
                        id={`import-group-${i}`}
                        label={`Nhóm trong sổ cho «${g.text}»`}
                        hideLabel
                        value={target}
                        emptyLabel="— Chưa chọn (các dòng này sẽ bị lỗi) —"
                        options={analysis.groupTargets
                          .filter((t) => programmes.has(t.programme as 'BTXH' | 'NCC'))
                          .map((t) => ({ value: t.value, label: t.label }))}
                        onChange={(v) => setGroup(g.text, v)}
                        hint={g.reason || undefined}
                      />
                    </td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-labelledby="import-methods-heading">
        <h2 id="import-methods-heading">Hình thức nhận</h2>
        <table className="data-table values-table">
          <thead>
            <tr>
              <th scope="col">Ghi trong tệp</th>
              <th scope="col" className="num">
                Số dòng
              </th>
              <th scope="col">Hình thức nhận trong sổ</th>
            </tr>
          </thead>
          <tbody>
            {analysis.methods
              .filter((m) => m.sheets.some((s) => included.has(s)))
              .map((m, i) => {
                const target = config.methods.find((x) => x.text === m.text)?.target ?? '';
                return (
                  <tr key={m.text} className={target ? undefined : 'value-unchosen'}>
                    <th scope="row">
                      {m.text || <span className="muted">(để trống)</span>}
                      <span className="muted values-sheets"> ({m.sheets.join(', ')})</span>
                    </th>
                    <td className="num">{m.count}</td>
                    <td>
                      <SelectField
                        id={`import-method-${i}`}
                        label={`Hình thức nhận cho «${m.text}»`}
                        hideLabel
                        value={target}
                        emptyLabel="— Chưa chọn —"
                        options={analysis.methodTargets.map((t) => ({ value: t.value, label: t.label }))}
                        onChange={(v) => setMethod(m.text, v)}
                      />
                    </td>
                  </tr>
                );
              })}
          </tbody>
        </table>
        {analysis.banks.length > 0 && (
          <div className="import-bank">
            <SelectField
              id="import-default-bank"
              label="Ngân hàng cho các dòng chuyển khoản không ghi ngân hàng"
              value={config.defaultBankCode ?? ''}
              emptyLabel="— Không chọn —"
              options={analysis.banks.map((b) => ({ value: b.code, label: b.name }))}
              onChange={(v) => onConfig({ ...config, defaultBankCode: v || null })}
            />
          </div>
        )}
        <AuthorizationTermChoice config={config} onConfig={onConfig} />
        <MappingIssues analysis={analysis} config={config} />
      </section>
    </>
  );
}
