// A long job's page: poll its status (data-status-url) each second, move the progress bar, show the download
// link when done. No inline script (CSP script-src 'self').
(function () {
  "use strict";
  var box = document.querySelector("[data-testid=job]");
  if (!box) return;
  var bar = box.querySelector("progress"), pct = box.querySelector("[data-testid=job-percent]");
  var msg = box.querySelector("[data-testid=job-message]"), link = box.querySelector("[data-testid=job-download]");
  function show(s) {
    bar.value = s.percent; pct.textContent = s.percent + "%";
    if (s.status === "done") { msg.textContent = box.getAttribute("data-label-done"); link.hidden = false; return true; }
    if (s.status === "failed") { msg.textContent = box.getAttribute("data-label-failed") + (s.error || ""); return true; }
    return false;
  }
  function poll() {
    fetch(box.getAttribute("data-status-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) { if (!s || !show(s)) window.setTimeout(poll, 1000); })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  var status = box.getAttribute("data-status");
  if (status !== "done" && status !== "failed") poll();
})();
