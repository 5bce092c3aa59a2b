/** The page's look: plain CSS, kept with the code so the page is one script. */
export const STYLES = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d1d1f;background:#f6f7f9}
.app{display:grid;grid-template-columns:300px 1fr;min-height:100vh}
nav{align-self:start;background:#fff;border-right:1px solid #dde1e6;padding:16px;overflow:auto;height:100vh;position:sticky;top:0}
nav h1{font-size:17px;margin:0 0 10px}
nav h2{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:#5c6570;margin:14px 0 4px}
nav ul{list-style:none;margin:0;padding:0}
nav li button{display:flex;justify-content:space-between;width:100%;text-align:left;border:0;background:none;padding:4px 6px;border-radius:4px;cursor:pointer;font:inherit;color:inherit}
nav li button:hover,nav li button[aria-current]{background:#e8f0fe}
nav input[type=search]{width:100%;padding:6px 8px;margin:8px 0;border:1px solid #c4cad1;border-radius:4px}
.views{display:flex;gap:6px}
.views button[aria-pressed=true]{background:#1a5fd0;color:#fff;border-color:#1a5fd0}
.badge{font-size:11px;color:#5c6570;border:1px solid #c4cad1;border-radius:8px;padding:0 6px;margin-left:6px}
main{padding:20px 28px;max-width:980px}
.op-name{color:#5c6570;margin:0}
fieldset{border:1px solid #dde1e6;border-radius:6px;padding:8px 12px;margin:8px 0;background:#fff}
legend{font-weight:600;padding:0 4px}
.form-group{margin:8px 0}
.control-label{display:block;font-weight:600}
.required{color:#b3261e;margin-left:2px}
.field-description{color:#5c6570;font-size:12.5px;margin:2px 0}
input:not([type=checkbox]):not([type=radio]),select,textarea{font:inherit;background:#fff;padding:5px 7px;border:1px solid #c4cad1;border-radius:4px;min-width:320px;max-width:100%}
.code textarea{font-family:ui-monospace,monospace}
.has-error input,.has-error select,.has-error textarea,[aria-invalid=true]{border-color:#b3261e;background:#fff6f5}
.error-detail,.ddl-error{color:#b3261e;margin:2px 0;padding:0;list-style:none}
.lookup{display:flex;flex-direction:column;gap:4px}
details.advanced{margin:8px 0}details.advanced>summary{cursor:pointer;color:#1a5fd0}
button{font:inherit;padding:5px 12px;border:1px solid #c4cad1;border-radius:4px;background:#fff;cursor:pointer}
button[type=submit],.run-workflow{background:#1a5fd0;color:#fff;border-color:#1a5fd0}
pre{background:#0f1720;color:#e6edf3;padding:10px;border-radius:6px;overflow:auto;max-height:420px;font-size:12.5px}
.output,.error-result{margin:12px 0}
.error-result [role=alert]{border:1px solid #b3261e;background:#fff6f5;padding:10px;border-radius:6px}
.samples details{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:6px 10px;margin:6px 0}
.samples summary{cursor:pointer}
.exchange code{display:block;margin-top:6px}
.steps{padding-left:0;list-style:none}
.step{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:10px 14px;margin:10px 0}
.step.dragging{opacity:.5}.step.drop-here{outline:2px dashed #1a5fd0}
.step-handle{display:flex;align-items:center;gap:8px;cursor:grab;user-select:none;touch-action:none}
.step-handle h3{flex:1;margin:0;font-size:15px}
.mappings{background:#f0f4fa;border-radius:6px;padding:8px;margin-top:6px}
.mapping{margin:2px 0}
.mappings input,.mappings select{min-width:0}
.key-prompt{max-width:420px;margin:80px auto;background:#fff;padding:24px;border-radius:8px;border:1px solid #dde1e6}
.hint{color:#5c6570}
.glyphicon{font-style:normal}.glyphicon-plus::before{content:"+ Add"}.glyphicon-remove::before{content:"✕"}
.glyphicon-arrow-up::before{content:"↑"}.glyphicon-arrow-down::before{content:"↓"}.glyphicon-copy::before{content:"⧉"}
.dry-run{display:block;margin:8px 0}
.subscription,.checkpoint{background:#eef6ee;border:1px solid #b7d7b7;border-radius:6px;padding:8px 10px}
.events ol{padding-left:0;list-style:none}.events li{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:6px 10px;margin:6px 0}
.events summary{cursor:pointer}.events time{color:#5c6570;font-size:12px;margin-left:6px}
`;
