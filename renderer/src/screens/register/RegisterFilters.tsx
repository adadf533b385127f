import type { PayoutMethodCode, PersonStatus, ReferenceData } from '@shared/api/register';
import { isProtectedGroup, PROTECTED_FILTER_ROLES } from '@shared/domain/masking';
import { useRole } from '../../auth/session';
import { SelectField } from '../../components/SelectField';
import { METHOD_LABELS, STATUS_LABELS } from './labels';
import type { RegisterQuery } from './useRegisterSearch';

// The code lists come from the labels, not from shared/api/register.ts: importing that module's values would
// bundle zod, whose start-up probe for `new Function` is reported as a CSP violation.
const METHODS = Object.keys(METHOD_LABELS) as PayoutMethodCode[];
const STATUSES = Object.keys(STATUS_LABELS) as PersonStatus[];

type FilterKey = Exclude<keyof RegisterQuery, 'text'>;

/** Chế độ, Nhóm, Khu phố, Hình thức nhận, Trạng thái, Danh sách (người hưởng / người nhận thay): native selects, "Tất cả" when not filtering. */
export function RegisterFilters({
  query,
  reference,
  onChange,
}: {
  query: RegisterQuery;
  reference: ReferenceData | undefined;
  onChange: (patch: Partial<RegisterQuery>) => void;
}) {
  const set = (key: FilterKey) => (value: string) =>
    onChange(key === 'programme' ? { programme: value, groupCode: '' } : { [key]: value });
  // Protected groups are offered only to the roles main lets filter by them (and audits when they do).
  const mayFilterProtected = PROTECTED_FILTER_ROLES.includes(useRole());
  const groups = (reference?.groups ?? []).filter(
    (g) => (!query.programme || g.programme === query.programme) && (mayFilterProtected || !isProtectedGroup(g.code)),
  );
  return (
    <div className="register-filters" role="group" aria-label="Lọc danh sách">
      <SelectField
        id="filter-programme"
        label="Chế độ"
        value={query.programme}
        emptyLabel="Tất cả"
        options={(reference?.programmes ?? []).map((p) => ({ value: p.code, label: p.name }))}
        onChange={set('programme')}
      />
      <SelectField
        id="filter-group"
        label="Nhóm đối tượng"
        value={query.groupCode}
        emptyLabel="Tất cả"
        options={groups.map((g) => ({ value: g.code, label: `${g.code} — ${g.label}` }))}
        onChange={set('groupCode')}
      />
      <SelectField
        id="filter-neighbourhood"
        label="Khu phố"
        value={query.neighbourhoodId}
        emptyLabel="Tất cả"
        options={(reference?.neighbourhoods ?? []).map((n) => ({ value: String(n.id), label: n.name }))}
        onChange={set('neighbourhoodId')}
      />
      <SelectField
        id="filter-method"
        label="Hình thức nhận"
        value={query.method}
        emptyLabel="Tất cả"
        options={METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }))}
        onChange={set('method')}
      />
      <SelectField
        id="filter-status"
        label="Trạng thái"
        value={query.status}
        emptyLabel="Tất cả"
        options={STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        onChange={set('status')}
      />
      <SelectField
        id="filter-role"
        label="Danh sách"
        value={query.role}
        emptyLabel="Người hưởng trợ cấp"
        options={[
          { value: 'receivers', label: 'Người nhận thay' },
          { value: 'all', label: 'Mọi người trong sổ' },
        ]}
        onChange={set('role')}
      />
    </div>
  );
}
