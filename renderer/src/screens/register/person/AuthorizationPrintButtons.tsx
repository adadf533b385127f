// Print buttons for the payout documents (the authorization form, the change-of-method request, the batch
// of pending forms). Placeholders until the documents exist: they render nothing.

export function AuthorizationFormButton(_props: { authorizationId: number }) {
  return null;
}

export function ChangeRequestButton(_props: { personId: number }) {
  return null;
}

export function PendingFormsButton() {
  return null;
}
