/** The web app's one stylesheet (served as /static/app.css). System fonts only: nothing is fetched from elsewhere. */
export const APP_CSS = String.raw`
:root{
  --ink:#17202b;--muted:#5d6977;--faint:#67727f;--line:#e2e6eb;--line-strong:#cdd3db;
  --bg:#f5f6f8;--surface:#fff;--soft:#f0f2f5;--accent:#1f56d6;--accent-ink:#1440a8;--accent-soft:#e8eefc;
  --hl:#ffe98a;--hl-line:#e8b900;--conflict:#b42318;--conflict-soft:#fdecea;--agree:#1f7a4d;--agree-soft:#e6f4ec;
  --serif:"Iowan Old Style","Palatino Linotype",Palatino,"Book Antiqua",Georgia,"Times New Roman",serif;
  --sans:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
  --mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;
  --radius:10px;--shadow:0 1px 2px rgba(16,24,40,.05),0 1px 3px rgba(16,24,40,.06);
  --on-accent:#fff;--row-hover:#fafbfc;--note-bg:#fff3d6;--note-ink:#7a4f00;--quote-bg:#fffaf6;--quote-ink:#a83c14;--diff:#ffe2b8;--band:#fff4e5;--bg-row:#fffcf2;--panel-shadow:rgba(16,24,40,.08);
  --p0:#dbe7ff;--p0i:#173f9e;--p1:#ffe4cc;--p1i:#8a3b00;--p2:#d9f2e3;--p2i:#16603a;--p3:#efe0fb;--p3i:#5b2a86;--p4:#d5f1f4;--p4i:#0f5b63;--p5:#fde0ec;--p5i:#8c1f4f;
}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;scroll-padding-top:5rem}
body{margin:0;overflow-wrap:break-word;font:16px/1.55 var(--sans);color:var(--ink);background:var(--bg);min-height:100vh;display:flex;flex-direction:column}
a{color:var(--accent)}a:hover{color:var(--accent-ink)}
h1,h2,h3{line-height:1.25;margin:0;overflow-wrap:anywhere}
code{font:.85em var(--mono);background:var(--soft);padding:.05em .35em;border-radius:4px}
.wrap{width:100%;max-width:76rem;margin:0 auto;padding:0 1.25rem}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip{position:absolute;left:-999px;top:0;background:var(--surface);padding:.5rem 1rem;z-index:20}.skip:focus{left:1rem}
.muted{color:var(--muted)}.small{font-size:.82rem}.warn{color:var(--conflict)}
:focus-visible{outline:3px solid #8fb0ff;outline-offset:2px;border-radius:4px}

/* top bar */
.topbar{background:var(--surface);border-bottom:1px solid var(--line);position:sticky;top:0;z-index:10}
.topbar-inner{display:flex;align-items:center;gap:1.5rem;height:3.5rem}
.brand{display:flex;align-items:center;gap:.5rem;text-decoration:none;color:var(--ink);font-weight:700;letter-spacing:-.01em;font-size:1.15rem}
.logo circle{fill:none;stroke:var(--accent);stroke-width:2.6}.logo circle+circle{stroke:#e0572a}
.nav{display:flex;gap:.25rem}
.nav a{text-decoration:none;color:var(--muted);padding:.4rem .7rem;border-radius:8px;font-weight:500}
.nav a:hover{background:var(--soft);color:var(--ink)}.nav a[aria-current]{color:var(--ink);background:var(--soft)}
.topsearch{margin-left:auto;flex:0 1 20rem}
.topsearch input{width:100%}
main{flex:1;padding-top:2rem;padding-bottom:3rem}
.footer{border-top:1px solid var(--line);color:var(--faint);font-size:.82rem;padding:1rem 0;background:var(--surface)}
.footer a{color:var(--muted)}

/* controls */
input[type=text],input[type=search],input[type=date],input[type=url],select,textarea{font:inherit;font-size:.95rem;color:var(--ink);background:var(--surface);border:1px solid var(--line-strong);border-radius:8px;padding:.45rem .65rem;min-height:2.4rem}
textarea{width:100%;resize:vertical;line-height:1.5}
input:focus,select:focus,textarea:focus{outline:none;border-color:var(--accent);box-shadow:0 0 0 3px var(--accent-soft)}
.button{display:inline-flex;align-items:center;gap:.35rem;font:inherit;font-weight:600;font-size:.92rem;border:1px solid var(--line-strong);background:var(--surface);color:var(--ink);border-radius:8px;padding:.45rem .9rem;text-decoration:none;cursor:pointer;min-height:2.4rem;white-space:nowrap}
.button:hover{border-color:var(--faint);color:var(--ink)}
.button.primary{background:var(--accent);border-color:var(--accent);color:var(--on-accent)}.button.primary:hover{background:var(--accent-ink)}
.button.ghost{background:transparent}.button.small{font-size:.82rem;padding:.25rem .65rem;min-height:2rem}
.button.disabled{opacity:.45;pointer-events:none}
.field{display:flex;flex-direction:column;gap:.25rem;min-width:0}
.field label{font-size:.78rem;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.chip{display:inline-block;font-size:.8rem;background:var(--soft);color:var(--muted);border-radius:999px;padding:.1rem .6rem;margin:0 .3rem .3rem 0;text-decoration:none;border:1px solid transparent}
a.chip:hover{border-color:var(--line-strong);color:var(--ink)}
.badge{display:inline-block;font-size:.78rem;font-weight:600;border-radius:999px;padding:.15rem .65rem;white-space:nowrap;text-decoration:none}
.badge.conflict{background:var(--conflict-soft);color:var(--conflict)}.badge.agree{background:var(--agree-soft);color:var(--agree)}
.badge.background{background:var(--note-bg);color:var(--note-ink);margin-right:.4rem}.badge.single{background:var(--soft);color:var(--muted)}.badge.new{background:var(--accent-soft);color:var(--accent-ink);margin-left:.5rem}
.pill{display:inline-block;min-width:1.3rem;text-align:center;font-size:.72rem;font-weight:700;border-radius:999px;background:var(--conflict-soft);color:var(--conflict);padding:0 .35rem}
.kicker{margin:0 0 .35rem;color:var(--muted);font-size:.82rem;font-weight:600;text-transform:uppercase;letter-spacing:.06em}
.card{background:var(--surface);border:1px solid var(--line);border-radius:var(--radius);box-shadow:var(--shadow);padding:1.25rem 1.4rem;margin:0 0 1.25rem}
.card h2{font-size:1.05rem;font-weight:700;margin:0 0 .6rem}
.card-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:.25rem 1rem;margin-bottom:.6rem}.card-head h2{margin:0}.card-head p{margin:0;font-size:.85rem}
.empty-note{margin:0}
.pending progress{width:100%;height:.5rem;accent-color:var(--accent)}.pending p{max-width:46rem}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;vertical-align:top;padding:.55rem .6rem;border-bottom:1px solid var(--line)}
thead th{font-size:.74rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:700;background:var(--soft);border-bottom:1px solid var(--line-strong)}
tbody tr:last-child>*{border-bottom:0}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}

/* story list */
.list-head .title-row{display:flex;align-items:baseline;gap:1rem;flex-wrap:wrap;margin-bottom:1rem}
.list-head h1{font-family:var(--serif);font-size:2rem;font-weight:700;letter-spacing:-.01em}
.list-head .count{margin:0}.list-head .add{margin-left:auto}
.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end;background:var(--surface);border:1px solid var(--line);border-radius:var(--radius);padding:1rem;box-shadow:var(--shadow);margin-bottom:1.25rem}
.filters .grow{flex:1 1 16rem}.filters .field input{width:100%}.filters .actions{flex-direction:row;gap:.5rem}
.more-filters{align-self:flex-end}.more-filters[open]{flex:1 1 100%;order:3}.more-filters>summary{list-style:none;margin-bottom:.5rem}.more-filters:not([open])>summary{margin:0}.more-filters>summary::-webkit-details-marker{display:none}
.more-filters>summary::after{content:"▾";font-size:.8em}.more-filters[open]>summary::after{content:"▴"}.pill.on{background:var(--accent-soft);color:var(--accent-ink)}
.filter-fields{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end}
.stories{list-style:none;margin:0;padding:0;background:var(--surface);border:1px solid var(--line);border-radius:var(--radius);box-shadow:var(--shadow)}
.story-row{display:flex;gap:1rem;padding:1rem 1.25rem;border-bottom:1px solid var(--line)}
.story-row:last-child{border-bottom:0}.story-row:hover{background:var(--row-hover)}
.story-main{flex:1;min-width:0;overflow-wrap:anywhere}
.story-title{font-family:var(--serif);font-size:1.2rem;font-weight:700;margin:0 0 .2rem;letter-spacing:-.005em}
.story-title a{color:var(--ink);text-decoration:none}.story-title a:hover{color:var(--accent);text-decoration:underline;text-underline-offset:2px}
.story-meta{margin:0 0 .4rem;color:var(--muted);font-size:.86rem;display:flex;flex-wrap:wrap;gap:.2rem .9rem}
.story-meta .span{color:var(--ink);font-weight:600}
.outlets{margin:0}
.snippet{margin:0 0 .3rem;color:var(--muted);font-size:.92rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.story-side{flex:0 0 auto;padding-top:.2rem}
.pager{display:flex;align-items:center;justify-content:center;gap:1rem;margin:1.25rem 0}
.empty{background:var(--surface);border:1px dashed var(--line-strong);border-radius:var(--radius);padding:2.5rem 1.5rem;text-align:center}
.empty h1,.empty h2{font-family:var(--serif);margin-bottom:.5rem}
.error-page{max-width:40rem;margin:2rem auto}

/* story page */
.crumbs{font-size:.85rem;margin-bottom:.75rem;display:flex;gap:.5rem;align-items:center;color:var(--faint)}
.crumbs a{color:var(--muted);text-decoration:none}.crumbs a:hover{color:var(--accent);text-decoration:underline}
.story-head{margin-bottom:1rem}
.story-head h1{font-family:var(--serif);font-size:clamp(1.6rem,3.2vw,2.3rem);font-weight:700;letter-spacing:-.015em;max-width:52rem;margin-bottom:.6rem}
.stats{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1.1rem;margin:0 0 .6rem;color:var(--muted);font-size:.92rem}
.downloads{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin:.4rem 0 0;font-size:.88rem}
.toc{position:sticky;top:3.5rem;z-index:5;display:flex;gap:.25rem;overflow-x:auto;background:var(--bg);padding:.5rem 0;margin-bottom:.75rem;border-bottom:1px solid var(--line)}
.toc a{text-decoration:none;color:var(--muted);font-size:.88rem;font-weight:600;padding:.3rem .7rem;border-radius:999px;white-space:nowrap}
.toc a:hover{background:var(--surface);color:var(--ink)}
.summary{margin:0;padding-left:1.4rem;font-family:var(--serif);font-size:1.1rem;line-height:1.6}
.summary li{margin:0 0 .75rem;padding-left:.2rem}.summary li::marker{color:var(--faint);font-family:var(--sans);font-size:.85rem}
.support{display:inline-block;margin-left:.5rem;font-family:var(--sans);font-size:.75rem;color:var(--faint);white-space:nowrap}
.disagreeing{display:block;font-family:var(--sans);font-size:.8rem;color:var(--ink)}.disagreeing::before{content:'! ';font-weight:700}
.cites{white-space:nowrap;margin-left:.2rem}
.cite{display:inline-block;font:600 .72rem/1.35 var(--sans);min-width:1.35rem;text-align:center;padding:0 .3rem;margin:0 .08rem;border-radius:5px;background:var(--accent-soft);color:var(--accent-ink);text-decoration:none;vertical-align:.25em}
.cite:hover{background:var(--accent);color:var(--on-accent)}.cite.active{background:var(--accent);color:var(--on-accent)}
.cite.plain{vertical-align:baseline}
.legend{margin:0 0 .5rem;display:flex;flex-wrap:wrap;gap:.9rem;font-size:.78rem;color:var(--muted)}
.entities{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}
.entity{display:inline-flex;align-items:center;gap:.4rem;background:var(--soft);border:1px solid var(--line);border-radius:999px;padding:.2rem .35rem .2rem .6rem;font-size:.88rem}
.entity .n{font-size:.72rem;font-weight:700;color:var(--muted);background:var(--surface);border-radius:999px;padding:0 .4rem}
.entity .dot,.entity-key .dot{width:.55rem;height:.55rem;border-radius:50%;background:var(--faint);display:inline-block}
.entity-key{display:inline-flex;align-items:center;gap:.35rem}
.t-person .dot{background:#1f56d6}.t-organization .dot{background:#e0572a}.t-place .dot{background:#1f9d63}.t-group .dot{background:#8b4fd1}
details.more{margin-top:.6rem}.entity-names{font-size:.85rem;line-height:1.7;margin:.4rem 0 0}.partial{margin:.6rem 0 0}details.more summary{cursor:pointer;color:var(--muted);font-size:.85rem}
table.matrix{width:auto;min-width:100%}
.matrix th[scope=row]{min-width:13rem;max-width:22rem;background:var(--surface)}
.matrix .subject{display:block;font-weight:600}
.matrix .kind{display:inline-block;font-size:.68rem;font-weight:700;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);background:var(--soft);border-radius:4px;padding:0 .35rem;margin-top:.2rem}
.matrix .note{display:block;font-weight:400;font-size:.8rem;color:var(--muted);margin-top:.25rem}
.matrix .src-col{text-align:center;min-width:6.5rem}.matrix .src-col .outlet{display:block;font-size:.68rem;font-weight:600;text-transform:none;letter-spacing:0;margin-top:.2rem}
.matrix td{text-align:center;font-variant-numeric:tabular-nums;border-left:1px solid var(--line)}
.matrix td .attr{display:block;font-size:.7rem;color:inherit;font-weight:500}
.matrix td .val{display:block;position:relative}.matrix .unit{display:block;font-size:.7rem;font-weight:500}
.matrix .claim{display:none;position:absolute;z-index:6;left:50%;top:100%;transform:translateX(-50%);width:min(20rem,80vw);margin-top:.3rem;padding:.5rem .65rem;text-align:left;font:400 .82rem/1.45 var(--sans);color:var(--ink);background:var(--surface);border:1px solid var(--line-strong);border-radius:8px;box-shadow:0 6px 18px var(--panel-shadow)}
.matrix .val:hover .claim,.matrix .val:focus-within .claim{display:block}.matrix td.multi{background:var(--surface)}
.matrix td.multi .val{border-radius:6px;padding:.2rem .4rem;margin:.15rem 0}
.matrix td.none{color:var(--faint)}
.matrix td.same{color:var(--agree)}
.matrix tr.conflict th[scope=row]{box-shadow:inset 3px 0 0 var(--conflict)}
.matrix td.pos{font-weight:700}
.matrix .cell-link{color:inherit;text-decoration:none;border-bottom:1px dotted currentColor}
.pos-0{background:var(--p0);color:var(--p0i)}.pos-1{background:var(--p1);color:var(--p1i)}.pos-2{background:var(--p2);color:var(--p2i)}
.pos-3{background:var(--p3);color:var(--p3i)}.pos-4{background:var(--p4);color:var(--p4i)}.pos-5{background:var(--p5);color:var(--p5i)}
.speaker{padding:.8rem 0;border-top:1px solid var(--line)}.ledger>.speaker:first-child{border-top:0;padding-top:0}
.speaker h3{font-size:.95rem;margin:0 0 .45rem}.speaker h3 .count{font-weight:400;font-size:.8rem;margin-left:.3rem}
.quotes{list-style:none;margin:0;padding:0}
.quote{margin:0 0 .45rem;font-family:var(--serif);font-size:1rem;line-height:1.5;padding-left:.9rem;border-left:3px solid var(--line)}
.quote.multi{border-left-color:#e0572a;background:var(--quote-bg);border-radius:0 8px 8px 0;padding:.45rem .8rem}
.wordings-label{margin:0 0 .25rem;font:700 .7rem var(--sans);text-transform:uppercase;letter-spacing:.05em;color:var(--quote-ink)}
.wordings{margin:0;padding-left:1.2rem}.wordings li{margin:.15rem 0}
.outlets-inline{font:.78rem var(--sans);color:var(--muted);margin-left:.4rem}
.ledger details.more{border-top:1px solid var(--line);padding-top:.6rem}
mark.diff{background:var(--diff);color:inherit;border-radius:3px;padding:0 .1em}
.chart{margin:0 0 1rem;overflow-x:auto}
.timeline-chart{display:block;font:12px var(--sans)}.timeline-chart.narrow{display:none}
.timeline-chart .tip{display:none;fill:var(--ink);font-weight:600;paint-order:stroke;stroke:var(--surface);stroke-width:5px;stroke-linejoin:round}
.timeline-chart .row:hover .tip,.timeline-chart .row:focus .tip{display:inline}
.timeline-chart .context-mark{fill:none;stroke:var(--muted);stroke-width:2}.timeline-chart .context-label{fill:var(--muted);font-style:italic}
.timeline-chart .context:hover .row-hit,.timeline-chart .context:focus .row-hit{fill:var(--soft)}
.timeline-chart .grid{stroke:var(--line);stroke-width:1}
.timeline-chart .axis{stroke:var(--line-strong);stroke-width:1}
.timeline-chart .tick{fill:var(--muted)}
.timeline-chart .row-label{fill:var(--muted);font-variant-numeric:tabular-nums}
.timeline-chart .row-hit{fill:transparent}.timeline-chart .row:hover .row-hit,.timeline-chart .row:focus .row-hit{fill:var(--soft)}
.timeline-list li:target{background:var(--hl);border-radius:6px}
.timeline-chart .event{fill:var(--accent)}
.timeline-chart .report{fill:#e0572a}
.timeline-chart .lag{stroke:var(--faint);stroke-width:1.5;stroke-dasharray:3 3}
.timeline-chart .report-band{fill:var(--band)}
.timeline-chart .legend text{fill:var(--muted)}
.timeline-list{list-style:none;margin:0;padding:0;border-left:2px solid var(--line);margin-left:.4rem}
.timeline-list li{position:relative;padding:.15rem 0 .7rem 1.1rem}
.timeline-list li::before{content:"";position:absolute;left:-.4rem;top:.55rem;width:.6rem;height:.6rem;border-radius:50%;background:var(--accent);border:2px solid var(--surface)}
.timeline-list time{display:block;font-size:.78rem;font-weight:700;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.timeline-list .reported{display:block;font-size:.78rem;color:var(--faint)}
table.sources .title a{font-weight:600;color:var(--ink);text-decoration:none}table.sources .title a:hover{color:var(--accent);text-decoration:underline}
table.sources code.id{display:block;margin-top:.2rem;font-size:.72rem;color:var(--faint);background:none;padding:0}
table.sources .date{white-space:nowrap}
.evidence{display:block;font-size:.74rem;color:var(--faint);white-space:normal;max-width:16rem}
.byline{display:block}
.lineage{font:600 .78rem var(--mono);background:var(--soft);border-radius:4px;padding:0 .35rem}
tr.background td{background:var(--bg-row)}

/* side panel (opened by the script when a citation is clicked) */
.panel{position:fixed;top:3.5rem;right:0;bottom:0;width:min(38rem,46vw);background:var(--surface);border-left:1px solid var(--line);box-shadow:-8px 0 24px var(--panel-shadow);z-index:9;display:flex;flex-direction:column}
.panel[hidden]{display:none}
.panel-head{display:flex;align-items:center;gap:.5rem;padding:.65rem 1rem;border-bottom:1px solid var(--line);background:var(--soft)}
.panel-title{margin:0 auto 0 0;font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.panel-body{overflow-y:auto;padding:1.1rem 1.4rem 3rem;flex:1}
.panel-body .reader h2{font-family:var(--serif);font-size:1.35rem;margin-bottom:.8rem}
body.panel-open main{padding-right:calc(min(38rem,46vw) + 1rem)}
.loading{color:var(--muted)}

/* article page */
.article-layout{display:grid;grid-template-columns:minmax(0,1fr) 22rem;gap:1.5rem;align-items:start}
.reader{max-width:44rem}
.main-text{background:var(--surface);border:1px solid var(--line);border-radius:var(--radius);box-shadow:var(--shadow);padding:1.75rem 2rem;max-width:none}
.reader h1{font-family:var(--serif);font-size:clamp(1.5rem,2.8vw,2.1rem);letter-spacing:-.01em;margin-bottom:.4rem}
.byline{color:var(--muted);margin:.2rem 0 0}
.reader .text{font-family:var(--serif);font-size:1.1rem;line-height:1.7;margin-top:1.2rem}
.reader .text p{margin:0 0 1em}
.s{border-radius:3px}
.s:target,.s.hl{background:var(--hl);box-shadow:0 0 0 2px var(--hl);outline:1px solid var(--hl-line);outline-offset:2px}
.article-side .card{padding:1rem 1.1rem}
.meta-table th{width:6.5rem;font-size:.78rem;color:var(--muted);font-weight:600;padding-left:0}
.meta-table td{font-size:.86rem;word-break:break-word;padding-right:0}
.meta-table .evidence{display:block;margin-top:.2rem;max-width:none}
.meta-table ul{margin:0;padding-left:1rem}
.removals{list-style:none;margin:.5rem 0 0;padding:0;font-size:.86rem}
.removals li{padding:.35rem 0;border-top:1px solid var(--line)}
.removals .kind{display:inline-block;font-size:.68rem;font-weight:700;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);background:var(--soft);border-radius:4px;padding:0 .35rem;margin-right:.4rem}
del.removed{color:var(--conflict);text-decoration:line-through;text-decoration-thickness:1.5px;background:var(--conflict-soft);border-radius:3px}
details.raw{margin-top:.75rem}details.raw summary{cursor:pointer;font-size:.86rem;color:var(--accent)}
.rawtext{white-space:pre-wrap;font:.8rem/1.5 var(--mono);background:var(--soft);border-radius:8px;padding:.75rem;margin-top:.5rem;max-height:32rem;overflow:auto;word-break:break-word}
.diagnostics{margin:0;padding-left:1.1rem;font-size:.86rem}.diagnostics .error{color:var(--conflict)}.diagnostics .warning{color:var(--note-ink)}.diagnostics .info{color:var(--muted)}

/* add news and uploads */
.page-head{margin-bottom:1.25rem}.page-head h1{font-family:var(--serif);font-size:2rem;margin-bottom:.4rem}
.lead{font-size:1.05rem;color:var(--muted);max-width:44rem;margin:.2rem 0 .8rem}
.add-grid{display:grid;grid-template-columns:1fr 1fr;gap:1.25rem;align-items:start}
.add-grid .card{margin:0}.add-grid form .field{margin-bottom:.8rem}
.row2{display:grid;grid-template-columns:1fr 1fr;gap:.8rem}
.drop{display:flex;flex-direction:column;align-items:center;justify-content:center;gap:.3rem;border:2px dashed var(--line-strong);border-radius:var(--radius);padding:2rem 1rem;text-align:center;cursor:pointer;background:var(--soft);margin:.75rem 0}
.drop:hover,.drop.over{border-color:var(--accent);background:var(--accent-soft)}
.drop-title{font-weight:700;color:var(--accent)}
.drop .file-input{position:absolute;width:1px;height:1px;opacity:0;overflow:hidden}.drop{position:relative}.drop:focus-within{outline:3px solid #8fb0ff;outline-offset:2px}
.drop-hint{color:var(--muted);font-size:.88rem}.add-col{display:grid;gap:1.25rem}.url-form .field{margin-bottom:.8rem}.url-form input{width:100%}
.form-error{color:var(--conflict);background:var(--conflict-soft);border-radius:8px;padding:.5rem .7rem;font-size:.9rem;overflow-wrap:anywhere}
.form-actions{display:flex;gap:.5rem;align-items:center}
.progress{margin-top:1rem}.progress progress,.job-progress{width:100%;height:.7rem;accent-color:var(--accent)}
.progress .status{margin:.35rem 0 0;font-size:.88rem;color:var(--muted)}
.job-stories{list-style:none;margin:0;padding:0}.job-stories li{padding:.5rem 0;border-top:1px solid var(--line);display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:baseline}
.job-stories li:first-child{border-top:0}.story-link{font-family:var(--serif);font-weight:700;font-size:1.05rem}
ul.plain{margin:0;padding-left:1.1rem}

@media (max-width:980px){
  .article-layout{grid-template-columns:1fr}
  .panel{width:100%;top:auto;height:70vh;border-left:0;border-top:1px solid var(--line);box-shadow:0 -8px 24px rgba(16,24,40,.12)}
  body.panel-open main{padding-right:1.25rem}
}
@media (max-width:720px){
  .wrap{padding:0 .9rem}
  .topbar-inner{gap:.75rem}.topsearch{display:none}
  .add-grid,.row2{grid-template-columns:1fr}
  .story-row{flex-direction:column;gap:.4rem;padding:.9rem 1rem}
  .main-text{padding:1.2rem}
  .filters{padding:.75rem;gap:.6rem}.filters .grow{flex:1 1 100%}
  .filter-fields{flex:1 1 100%}.filter-fields .field{flex:1 1 45%}
  .filters .actions{flex:1 1 auto}
  .list-head .add{margin-left:0}
  .card{padding:1rem .9rem}
  /* tables become stacked cards: no sideways scrolling */
  .scroll{overflow-x:visible}
  table.matrix,table.matrix tbody,table.matrix tr,table.matrix th,table.matrix td,
  table.sources,table.sources tbody,table.sources tr,table.sources td{display:block;width:auto;min-width:0;max-width:none}
  table.matrix thead,table.sources thead{display:none}
  .toc{flex-wrap:wrap;overflow-x:visible;gap:.1rem}.toc a{padding:.25rem .55rem}
  table.matrix tr,table.sources tr{border:1px solid var(--line);border-radius:8px;margin:0 0 .75rem;overflow:hidden}
  table.matrix tr.conflict{border-left:3px solid var(--conflict)}
  .matrix tr.conflict th[scope=row]{box-shadow:none}
  .matrix th[scope=row]{min-width:0;max-width:none;background:var(--soft)}
  .matrix td{border-left:0;text-align:left;display:flex;gap:.6rem;align-items:flex-start}
  .matrix td.none{display:none}
  .matrix td::before,table.sources td::before{content:attr(data-label);flex:0 0 6.5rem;font-size:.72rem;font-weight:700;color:var(--muted);text-transform:uppercase;letter-spacing:.03em;overflow-wrap:anywhere}
  .matrix td .val{flex:1;min-width:0;text-align:left}.matrix td .attr{display:none}.matrix td.multi{flex-wrap:wrap}
  .matrix .claim{display:block;position:static;transform:none;width:auto;margin:.25rem 0 0;padding:0;border:0;box-shadow:none;background:transparent;color:inherit;font-size:.78rem;}
  table.sources td{display:flex;gap:.6rem;border-bottom:0;padding:.3rem .7rem;text-align:left}
  table.sources td:empty{display:none}
  table.sources td.note-cell{flex-wrap:wrap;align-items:baseline}table.sources td.note-cell .badge{align-self:flex-start}
  table.sources td.num:first-child::before,table.sources td.title::before{content:none}
  table.sources td.num:first-child{padding-top:.6rem}
  table.sources td.title{display:block}
  .evidence{max-width:none}
  .timeline-chart.wide{display:none}.timeline-chart.narrow{display:block;font-size:13px}
  .chart{overflow-x:visible}
  .downloads .button{margin-right:.25rem}
}
@media (prefers-color-scheme:dark){
  :root{
    color-scheme:dark;
    --ink:#e6e9ee;--muted:#aab4c0;--faint:#939eab;--line:#2c333d;--line-strong:#46505d;
    --bg:#101419;--surface:#1a1f27;--soft:#252c36;--accent:#8cb2ff;--accent-ink:#b5ceff;--accent-soft:#1f2f52;--on-accent:#0b1220;
    --hl:#ffe98a;--hl-line:#e8b900;--conflict:#ff9b92;--conflict-soft:#3f2020;--agree:#7ddcaa;--agree-soft:#17352a;
    --row-hover:#20262f;--note-bg:#3b2f12;--note-ink:#ffd37a;--quote-bg:#2a221c;--quote-ink:#ffb38a;--diff:#5a4216;--band:#2b2519;--bg-row:#221f16;--panel-shadow:rgba(0,0,0,.5);
    --shadow:0 1px 2px rgba(0,0,0,.4);
    --p0:#1f2f52;--p0i:#b8cdff;--p1:#40291a;--p1i:#ffc597;--p2:#173828;--p2i:#95e3b8;--p3:#30223f;--p3i:#dcbdf7;--p4:#13343a;--p4i:#94dfe8;--p5:#3f1c2c;--p5i:#f7b0cd;
  }
  .s:target,.s.hl{color:#17202b}
  .logo circle{stroke:var(--accent)}
  input[type=date]{color-scheme:dark}
}
@media print{.topbar,.toc,.panel,.downloads,.footer,.filters{display:none}body{background:#fff}.card{box-shadow:none}}
`;
