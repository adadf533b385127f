import { documentDefinition, type OfficeNames } from '../../documents';
import { pdfBuilder } from '../../documents/pdf/render';
import { authorizationForm } from './authorization-form';
import type { AuthorizationOnForm } from './data';

// A batch of authorization forms as one PDF, built from the forms' data where it is laid out: in a PDF
// pool thread in the app (renderBuilt; main/pdf-worker.ts loads this module), so the core reads the
// register and sends the data, and never builds nor copies the ~100,000 nodes of 1,000 forms.
export const AUTHORIZATION_FORMS_PDF = pdfBuilder(
  'forms.authorizations',
  (input: { title: string; office: OfficeNames }, forms: readonly AuthorizationOnForm[]) => ({
    definition: documentDefinition({
      title: input.title,
      pageNumbers: false,
      content: forms.map((f, i) => authorizationForm(f, input.office, i === 0)),
    }),
    meta: null,
  }),
);
