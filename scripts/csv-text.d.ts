// Reference CSVs are bundled as text (esbuild loader / vite plugin): the installed app never reads ../shared.
declare module '*.csv' {
  const text: string;
  export default text;
}
