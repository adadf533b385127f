import { useEffect } from 'react';
import { api } from '../../../api/client';
import { formatBirthDate } from '../../../../../shared/domain/dates';
import { STATUS_LABELS } from '../labels';
import type { PickedPerson } from './PersonPicker';

/** #/so-doi-tuong/them/12 (from a person's page, "Thêm chế độ"): that person is already picked. */
export function usePreselectedPerson(personId: number | undefined, onPick: (p: PickedPerson) => void): void {
  useEffect(() => {
    if (!personId) return;
    let live = true;
    api('people.get', { id: personId }).then(
      (d) => {
        if (!live) return;
        const detail = [
          d.person.birth && `sinh ${formatBirthDate(d.person.birth)}`,
          d.person.citizenId && `số định danh ${d.person.citizenId}`,
          d.person.neighbourhood,
          STATUS_LABELS[d.status],
        ]
          .filter(Boolean)
          .join(' · ');
        onPick({ id: d.person.id, fullName: d.person.fullName, detail });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
    // Runs for the route's person only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [personId]);
}
