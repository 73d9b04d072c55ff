/* Case page: repeat candidates from the insight service (GET /api/v1/cases/{id}/repeats). The panel stays
   hidden when the service is missing, fails or finds nothing. */
(function () {
  "use strict";
  var box = document.getElementById("repeats-box");
  if (!box || !box.dataset.url) return;
  fetch(box.dataset.url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (data) {
      var list = box.querySelector("ul");
      (data.candidates || []).slice(0, 5).forEach(function (c) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "/cases/" + encodeURIComponent(c.case_id) + "/";
        a.textContent = c.tracking_no;
        li.appendChild(a);
        li.appendChild(document.createTextNode(" " + (c.title || "") + " "));
        var note = document.createElement("span");
        note.className = "muted";
        note.textContent = "相似度 " + Math.round((Number(c.similarity) || 0) * 100) + "%" +
          (c.identity_match ? " · 同一诉求人" : "") + (c.state_label ? " · " + c.state_label : "");
        li.appendChild(note);
        list.appendChild(li);
      });
      box.hidden = !list.childElementCount;
    })
    .catch(function () { box.hidden = true; });
})();
