/* Intake page: add petitioner rows, show the same person's cases (open, then closed/finalized) while typing, and ask the insight
   service for category/unit suggestions and repeat candidates. Every fetch degrades silently. */
(function () {
  "use strict";
  var form = document.getElementById("intake-form");
  if (!form) return;
  var csrf = (form.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
  var rows = document.getElementById("petitioners");
  var total = form.querySelector("input[name=p-TOTAL_FORMS]");

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments, self = this;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(self, args); }, ms);
    };
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function field(row, name) { return row.querySelector("[name$='-" + name + "']"); }

  var WARN = { normal: "正常", approaching: "临期", urgent: "紧急", overdue: "超期" };

  /* ---- the same person's open cases ---- */
  function lookup(row) {
    var box = row.querySelector(".person-hits");
    var params = new URLSearchParams();
    ["name", "id_number", "phone"].forEach(function (k) {
      var input = field(row, k);
      if (input && input.value.trim()) params.set(k, input.value.trim());
    });
    if (!params.toString()) { box.replaceChildren(); return; }
    fetch(form.dataset.lookupUrl + "?" + params.toString(), { credentials: "same-origin",
      headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) { showPersons(box, data.persons || []); })
      .catch(function () { box.replaceChildren(); });
  }

  function caseItem(c) {
    var li = el("li", { "class": c.closed ? "closed-case" + (c.finalized ? " finalized" : "") : "" });
    li.appendChild(el("a", { href: c.url, target: "_blank", rel: "noopener" }, c.tracking_no));
    li.appendChild(document.createTextNode(" " + c.title + " "));
    var badge = c.state_label + (WARN[c.warning] && !c.closed ? " · " + WARN[c.warning] : "");
    li.appendChild(el("span", { "class": "badge warn-" + (c.closed ? "closed" : c.warning) }, badge));
    return li;
  }

  function showPersons(box, persons) {
    box.replaceChildren();
    persons.forEach(function (p) {
      var item = el("div", { "class": "person-hit", "data-testid": "person-hit" });
      var who = [p.name, p.id_number, p.phone].filter(Boolean).join(" · ");
      var closed = p.closed_cases || [];
      closed.forEach(function (c) { c.closed = true; });
      if (!p.open_cases.length) {
        item.appendChild(el("span", { "class": "muted" }, who + "：无未办结诉求"));
      } else {
        item.appendChild(el("strong", {}, who + "：有 " + p.open_cases.length + " 件未办结诉求"));
        var list = el("ul", { "class": "plain" });
        p.open_cases.forEach(function (c) { list.appendChild(caseItem(c)); });
        item.appendChild(list);
      }
      if (closed.length) {
        var finalized = closed.filter(function (c) { return c.finalized; }).length;
        item.appendChild(el("div", { "class": "muted", "data-testid": "person-closed" },
                            "已办结/已结束 " + closed.length + " 件" + (finalized ? "（其中已终结 " + finalized + " 件）" : "")));
        var done = el("ul", { "class": "plain" });
        closed.forEach(function (c) { done.appendChild(caseItem(c)); });
        item.appendChild(done);
      }
      box.appendChild(item);
    });
  }

  function wire(row) {
    var run = debounce(function () { lookup(row); repeats(); }, 400);
    ["name", "id_number", "phone"].forEach(function (k) {
      var input = field(row, k);
      if (input) input.addEventListener("input", run);
    });
  }

  Array.prototype.forEach.call(rows.querySelectorAll(".petitioner"), wire);

  document.getElementById("add-petitioner").addEventListener("click", function () {
    var index = parseInt(total.value, 10) || 0;
    var html = document.getElementById("petitioner-template").innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    rows.appendChild(row);
    total.value = String(index + 1);
    wire(row);
    var first = field(row, "name");
    if (first) first.focus();
  });

  /* ---- insight: suggestions and repeat candidates (endpoints may not exist yet) ---- */
  function post(url, body) {
    return fetch(url, { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body) })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
  }

  function basics() {
    return { title: form.elements.title.value.trim(), content: form.elements.content.value.trim(),
             region_code: form.elements.region_code.value };
  }

  function petitioners() {
    return Array.prototype.map.call(rows.querySelectorAll(".petitioner"), function (row) {
      return { name: field(row, "name").value.trim(), id_number: field(row, "id_number").value.trim(),
               phone: field(row, "phone").value.trim(), role: field(row, "role").value };
    }).filter(function (p) { return p.name || p.id_number || p.phone; });
  }

  var suggestBox = document.getElementById("suggest-box");
  var repeatsBox = document.getElementById("repeats-box");
  var categorySelect = form.elements.category;

  function pct(x) { return Math.round((Number(x) || 0) * 100) + "%"; }

  var suggest = debounce(function () {
    var b = basics();
    if (!b.title && !b.content) { suggestBox.hidden = true; return; }
    post(form.dataset.suggestUrl, b).then(function (data) {
      var cats = suggestBox.querySelector(".suggest-categories");
      var units = suggestBox.querySelector(".suggest-units");
      cats.replaceChildren();
      units.replaceChildren();
      (data.category || []).slice(0, 3).forEach(function (c) {
        var known = Array.prototype.some.call(categorySelect.options, function (o) { return o.value === c.code; });
        var chip = el("button", { type: "button", "class": "chip", "data-code": c.code }, c.name + " " + pct(c.probability));
        chip.disabled = !known;
        chip.addEventListener("click", function () { categorySelect.value = c.code; });
        cats.appendChild(chip);
      });
      var names = (data.unit || []).slice(0, 3).map(function (u) { return u.name + " " + pct(u.probability); });
      if (names.length) units.textContent = "建议承办单位：" + names.join("，");
      suggestBox.querySelector(".suggest-model").textContent = data.model_version ? "模型 " + data.model_version : "";
      suggestBox.hidden = !(cats.childElementCount || names.length);
    }).catch(function () { suggestBox.hidden = true; });
  }, 800);

  var repeats = debounce(function () {
    var body = basics();
    body.petitioners = petitioners();
    if (!body.title && !body.content && !body.petitioners.length) { repeatsBox.hidden = true; return; }
    post(form.dataset.repeatsUrl, body).then(function (data) {
      var list = repeatsBox.querySelector(".repeats-list");
      list.replaceChildren();
      if (data.flags && data.flags.finalized_repeat) {  /* 信访工作条例第36条第3款 */
        list.appendChild(el("li", { "class": "warning finalized-repeat" },
                            "同一诉求人的同一事项已终结：同一事实和理由再次提出的，可不再受理（条例第36条第3款）"));
      }
      (data.candidates || []).slice(0, 5).forEach(function (c) {
        var li = el("li");
        li.appendChild(el("a", { href: "/cases/" + encodeURIComponent(c.case_id) + "/", target: "_blank", rel: "noopener" },
                          c.tracking_no));
        li.appendChild(document.createTextNode(" " + (c.title || "") + " "));
        li.appendChild(el("span", { "class": "muted" }, "相似度 " + pct(c.similarity) +
                          (c.identity_match ? " · 同一诉求人" : "") + (c.state_label ? " · " + c.state_label : "") +
                          (c.unit ? " · " + c.unit : "")));
        list.appendChild(li);
      });
      repeatsBox.hidden = !list.childElementCount;
    }).catch(function () { repeatsBox.hidden = true; });
  }, 800);

  ["title", "content", "region_code"].forEach(function (name) {
    var input = form.elements[name];
    if (!input) return;
    input.addEventListener("input", function () { suggest(); repeats(); });
    input.addEventListener("change", function () { suggest(); repeats(); });
  });
})();
