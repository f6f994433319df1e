/**
 * The web app's one script (served as /static/app.js). Progressive enhancement only:
 * every page works without it.
 * - Story page: a citation opens its source article in a side panel, scrolled to the
 *   cited sentence and highlighted (without the script the link opens the article
 *   page at `#s-<n>`, highlighted by CSS :target).
 * - Add news: uploads are sent in the background with a progress bar for the upload
 *   and then for the processing (polling the job), and the results page opens when done.
 * - Small conveniences: drop files on the upload box, auto-submitting selects.
 * It inserts server-rendered, escaped HTML only (the panel's article fragment) and
 * never evaluates anything.
 */
export const APP_JS = String.raw`(function () {
  'use strict';
  var doc = document;

  // ---- citation side panel -------------------------------------------------------
  var panel = doc.getElementById('panel');
  var cache = Object.create(null);
  var lastCite = null;

  function closePanel() {
    if (!panel || panel.hidden) return;
    panel.hidden = true;
    doc.body.classList.remove('panel-open');
    if (lastCite) { lastCite.classList.remove('active'); lastCite.focus(); }
  }

  function showSentence(body, sentence) {
    var prev = body.querySelectorAll('.s.hl');
    for (var i = 0; i < prev.length; i++) prev[i].classList.remove('hl');
    if (sentence === null) { body.scrollTop = 0; return; }
    var parts = body.querySelectorAll('.s[data-s="' + sentence + '"]');
    for (var j = 0; j < parts.length; j++) parts[j].classList.add('hl');
    if (parts.length) parts[0].scrollIntoView({ block: 'center' });
  }

  function openPanel(link) {
    var id = link.getAttribute('data-article');
    var s = link.getAttribute('data-sentence');
    var sentence = s === null ? null : s;
    var body = panel.querySelector('.panel-body');
    var open = panel.querySelector('.panel-open');
    var href = '/articles/' + encodeURIComponent(id);
    open.setAttribute('href', href + (sentence === null ? '' : '#s-' + sentence));
    panel.querySelector('.panel-title').textContent = 'Source ' + (link.textContent || '').trim();
    if (lastCite) lastCite.classList.remove('active');
    lastCite = link;
    link.classList.add('active');
    panel.hidden = false;
    doc.body.classList.add('panel-open');
    if (panel.getAttribute('data-article') === id && body.firstChild) { showSentence(body, sentence); return; }
    panel.setAttribute('data-article', id);
    var done = function (html) { body.innerHTML = html; showSentence(body, sentence); };
    if (cache[id]) { done(cache[id]); return; }
    body.innerHTML = '<p class="loading">Loading the article…</p>';
    fetch(href + '?fragment=1', { headers: { Accept: 'text/html' }, credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.text(); })
      .then(function (html) { cache[id] = html; if (panel.getAttribute('data-article') === id) done(html); })
      .catch(function () { window.location.href = link.getAttribute('href'); });
  }

  if (panel) {
    doc.addEventListener('click', function (e) {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      var t = e.target;
      var link = t && t.closest ? t.closest('a[data-article]') : null;
      if (!link || panel.contains(link)) return;
      e.preventDefault();
      openPanel(link);
    });
    panel.querySelector('.panel-close').addEventListener('click', closePanel);
    doc.addEventListener('keydown', function (e) { if (e.key === 'Escape') closePanel(); });
  }

  // ---- uploads with progress -----------------------------------------------------
  function fmtBytes(n) {
    if (n < 1024) return n + ' B';
    if (n < 1048576) return (n / 1024).toFixed(1) + ' KiB';
    return (n / 1048576).toFixed(1) + ' MiB';
  }

  function setProgress(form, value, max, text) {
    var box = form.querySelector('.progress');
    if (!box) return;
    box.hidden = false;
    var bar = box.querySelector('progress');
    if (max > 0) { bar.max = max; bar.value = value; } else { bar.removeAttribute('value'); }
    box.querySelector('.status').textContent = text;
  }

  function pollJob(form, job) {
    var stage = { read: 'Reading and cleaning', store: 'Grouping into stories' };
    fetch('/api/jobs/' + encodeURIComponent(job.id), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (j) {
        if (j.state === 'done' || j.state === 'failed') {
          setProgress(form, 1, 1, j.state === 'done' ? 'Done. Opening the results…' : 'Failed: ' + (j.error || ''));
          window.location.href = '/uploads/' + encodeURIComponent(j.id);
          return;
        }
        var label = j.state === 'queued' ? 'Waiting for the previous upload…' : (stage[j.stage] || 'Working') + ': ' + j.done + ' of ' + j.total;
        setProgress(form, j.done, j.total, label);
        setTimeout(function () { pollJob(form, job); }, 300);
      })
      .catch(function () { window.location.href = '/uploads/' + encodeURIComponent(job.id); });
  }

  function submitUpload(form, e) {
    if (!window.FormData || !window.XMLHttpRequest) return;
    e.preventDefault();
    var data = new FormData(form);
    var button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    var xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/articles?async=1');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', function (ev) {
      if (ev.lengthComputable) setProgress(form, ev.loaded, ev.total, 'Uploading: ' + fmtBytes(ev.loaded) + ' of ' + fmtBytes(ev.total));
    });
    xhr.addEventListener('load', function () {
      var res = null;
      try { res = JSON.parse(xhr.responseText); } catch (err) { res = null; }
      if (xhr.status === 202 && res && res.id) { setProgress(form, 0, 0, 'Uploaded. Processing…'); pollJob(form, res); return; }
      if (button) button.disabled = false;
      setProgress(form, 0, 1, (res && res.error && res.error.message) || 'The upload failed (HTTP ' + xhr.status + ').');
    });
    xhr.addEventListener('error', function () {
      if (button) button.disabled = false;
      setProgress(form, 0, 1, 'The upload failed: the server could not be reached.');
    });
    setProgress(form, 0, 0, 'Starting the upload…');
    xhr.send(data);
  }

  var forms = doc.querySelectorAll('form[data-upload]');
  for (var f = 0; f < forms.length; f++) {
    (function (form) {
      form.addEventListener('submit', function (e) { submitUpload(form, e); });
      var drop = form.querySelector('.drop');
      var input = form.querySelector('input[type=file]');
      var chosen = form.querySelector('.chosen');
      var show = function () {
        if (!chosen || !input.files) return;
        var n = input.files.length, total = 0;
        for (var i = 0; i < n; i++) total += input.files[i].size;
        chosen.textContent = n ? n + (n === 1 ? ' file, ' : ' files, ') + fmtBytes(total) : '';
      };
      if (input) input.addEventListener('change', show);
      if (drop && input) {
        drop.addEventListener('dragover', function (e) { e.preventDefault(); drop.classList.add('over'); });
        drop.addEventListener('dragleave', function () { drop.classList.remove('over'); });
        drop.addEventListener('drop', function (e) {
          e.preventDefault();
          drop.classList.remove('over');
          if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; show(); }
        });
      }
    })(forms[f]);
  }

  // ---- small conveniences --------------------------------------------------------
  // The list's filters fold behind a button on a phone; on a wide screen they start open.
  if (window.matchMedia && window.matchMedia('(min-width: 721px)').matches) {
    var folds = doc.querySelectorAll('details[data-open-wide]');
    for (var d = 0; d < folds.length; d++) folds[d].open = true;
  }

  var auto = doc.querySelectorAll('select[data-autosubmit]');
  for (var a = 0; a < auto.length; a++) {
    auto[a].addEventListener('change', function (e) { var fm = e.target.form; if (fm) fm.submit(); });
  }
})();
`;
