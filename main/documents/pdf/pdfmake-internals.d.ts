// pdfmake 0.3's Node classes, used directly so that the app has its own printer (fonts from memory,
// no file or URL access) instead of pdfmake's module-level singleton. Typed where used (render.ts).
declare module 'pdfmake/js/Printer' {
  const value: unknown;
  export default value;
}
declare module 'pdfmake/js/URLResolver' {
  const value: unknown;
  export default value;
}
declare module 'pdfmake/js/PDFDocument' {
  const value: unknown;
  export default value;
}
