// A PDF pool thread (bundled as dist/main/pdf-worker.js; main/documents/pdf/pool.ts starts it): the pool's
// loop, and every module that declares a PDF builder (render.ts, pdfBuilder), so that the thread finds
// them by name. A builder whose module is missing here fails its render with an error (tests catch it).
import './documents/pdf/pool-worker';
import './services/payroll-files/list-pdf';
import './services/forms/batch-pdf';
