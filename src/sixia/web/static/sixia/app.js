// Behaviour every page shares, bound from data attributes: the Content Security Policy allows no inline
// script or event handler (script-src 'self').
//   data-confirm="…"  on a form (submit) or a link/button (click): ask first, cancel when refused.
//   data-autosubmit   on a select: submit its form when the choice changes (the language switch).
(function () {
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) event.preventDefault();
  }, true);
  document.addEventListener("click", function (event) {
    var el = event.target.closest ? event.target.closest("a[data-confirm], button[data-confirm]") : null;
    if (el && !window.confirm(el.dataset.confirm)) event.preventDefault();
  }, true);
  document.addEventListener("click", function (event) {
    var el = event.target.closest ? event.target.closest("a[data-history-back]") : null;
    if (el) { event.preventDefault(); window.history.back(); }
  });
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("select[data-autosubmit]") && el.form) el.form.submit();
  });
})();
