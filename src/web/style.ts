// The web page's one stylesheet (served as a file: the CSP allows no inline styles). Readable on a
// phone, visible keyboard focus, prints without the navigation.
export const STYLESHEET = `
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; background: #fff; }
body { margin: 0; line-height: 1.45; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; }
header { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; justify-content: space-between; padding: 10px 16px; background: #0b3d5c; color: #fff; }
header a, header .who { color: #fff; }
header nav { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
header form { margin: 0; }
.brand { font-weight: 700; font-size: 1.1rem; }
main { padding: 12px 16px 32px; max-width: 1100px; margin: 0 auto; }
h1 { font-size: 1.4rem; margin: 8px 0 12px; }
h2 { font-size: 1.15rem; margin-top: 28px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
a { color: #0b5cad; }
a:focus-visible, button:focus-visible, select:focus-visible { outline: 3px solid #e69f00; outline-offset: 2px; }
button, select { font: inherit; padding: 4px 10px; }
.period { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.period-text { flex-basis: 100%; margin: 4px 0 0; color: #444; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
caption { text-align: left; color: #444; padding: 4px 0; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e5e5e5; white-space: nowrap; }
th[aria-sort] a { font-weight: 700; text-decoration: underline double; }
td.num { text-align: right; }
.chart { margin: 8px 0 16px; max-width: 760px; overflow-x: auto; }
.chart svg { min-width: 520px; }
.chart img { width: 100%; height: auto; border: 1px solid #e5e5e5; }
.chart figcaption { color: #444; font-size: 0.9rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.walk { border-left: 4px solid #0072b2; padding: 2px 12px; margin: 10px 0; }
.walk h3 { font-size: 1rem; margin: 4px 0; }
.notice { font-size: 1.05rem; }
@media (max-width: 600px) { dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: 8px; } }
@media print { header nav, .period button, .skip { display: none; } header { background: none; color: #000; } a { color: #000; text-decoration: none; } }
`;
