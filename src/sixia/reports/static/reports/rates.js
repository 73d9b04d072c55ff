// Quarter or month numbers follow the chosen period kind (the form also works without this script).
// Labels come from the form's data attributes (translated in the template): no inline script (CSP).
(function () {
  var form = document.querySelector("[data-testid=period-form]");
  if (!form) return;
  var monthLabel = form.dataset.monthLabel || "# 月", quarterLabel = form.dataset.quarterLabel || "第 # 季度";
  var kind = form.querySelector("[name=kind]"), n = form.querySelector("[name=n]");
  kind.addEventListener("change", function () {
    var count = kind.value === "month" ? 12 : kind.value === "quarter" ? 4 : 0;
    n.innerHTML = "";
    n.add(new Option("—", ""));
    for (var i = 1; i <= count; i++) {
      n.add(new Option((kind.value === "month" ? monthLabel : quarterLabel).replace("#", i), String(i)));
    }
    n.disabled = count === 0;
  });
})();
