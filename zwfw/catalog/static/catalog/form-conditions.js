// Show a conditional field of a one-table form only while the field it depends on has the
// given value (or, for check boxes, includes it). Rows are evaluated in page order so that a
// field depending on a hidden field is hidden too. Without this script every row stays shown
// and the server ignores the answers to rows whose condition does not hold.
(function () {
  "use strict";
  function answers(row) {
    var values = [];
    row.querySelectorAll("input, select, textarea").forEach(function (el) {
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) return;
      if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.selectedOptions, function (o) { values.push(o.value); });
      } else if (el.value !== "") { values.push(el.value); }
    });
    return values;
  }
  function update(form) {
    var rows = form.querySelectorAll("[data-form-row]");
    rows.forEach(function (row) {
      var on = row.getAttribute("data-show-if-field");
      if (!on) return;
      var source = form.querySelector('[data-form-row="' + on + '"]');
      var show = !!source && !source.hidden &&
        answers(source).indexOf(row.getAttribute("data-show-if-value")) !== -1;
      row.hidden = !show;
      row.querySelectorAll("input, select, textarea").forEach(function (el) { el.disabled = !show; });
    });
  }
  function init() {
    document.querySelectorAll("form[data-one-table-form]").forEach(function (form) {
      update(form);
      form.addEventListener("change", function () { update(form); });
      form.addEventListener("input", function () { update(form); });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
