import { useEffect, useRef } from 'react';
import { formatBirthDate } from '@shared/domain/dates';
import { useApi } from '../../../api/query';
import { STATUS_LABELS } from '../labels';
import type { PickedPerson } from '../../../components/PersonPicker';

/** #/so-doi-tuong/them/12 (from a person's page, "Thêm chế độ"): that person is already picked. */
export function usePreselectedPerson(personId: number | undefined, onPick: (p: PickedPerson) => void): void {
  const { value: d } = useApi('people.get', { id: personId ?? 0 }, { enabled: personId !== undefined && personId > 0 });
  // Picked once per route person: a later reload of the same person must not undo the user's own pick.
  const pickedFor = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!d || d.person.id !== personId || pickedFor.current === personId) return;
    pickedFor.current = personId;
    const detail = [
      d.person.birth && `sinh ${formatBirthDate(d.person.birth)}`,
      d.person.citizenId && `số định danh ${d.person.citizenId}`,
      d.person.neighbourhood,
      STATUS_LABELS[d.status],
    ]
      .filter(Boolean)
      .join(' · ');
    onPick({ id: d.person.id, fullName: d.person.fullName, detail });
    // Runs for the route's person only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [d, personId]);
}
