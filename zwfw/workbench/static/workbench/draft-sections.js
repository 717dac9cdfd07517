// The draft editor shows one section at a time, chosen in the table of contents; without
// JavaScript every section is shown and the contents are anchor links. The whole form is posted
// either way (hidden sections keep their inputs). A section with errors opens first, else one
// with a reviewer's comment, else the one in the address (#limits), else the first.
(function () {
  "use strict";
  var form = document.querySelector("[data-draft-sections]");
  if (!form) return;
  var sections = Array.prototype.slice.call(form.querySelectorAll(".draft-section"));
  var links = Array.prototype.slice.call(form.querySelectorAll("[data-section-link]"));
  var showAll = form.querySelector("[data-show-all]");
  if (sections.length < 2) return;

  function show(id, focus) {
    sections.forEach(function (s) { s.hidden = s.id !== id; });
    links.forEach(function (a) {
      if (a.getAttribute("data-section-link") === id) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
    if (focus) {
      var heading = document.getElementById(id + "-title");
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    }
  }

  links.forEach(function (a) {
    a.addEventListener("click", function (event) {
      event.preventDefault();
      var id = a.getAttribute("data-section-link");
      show(id, true);
      if (history.replaceState) history.replaceState(null, "", "#" + id);
    });
  });
  if (showAll) {
    showAll.hidden = false;
    showAll.addEventListener("click", function () {
      sections.forEach(function (s) { s.hidden = false; });
      links.forEach(function (a) { a.removeAttribute("aria-current"); });
    });
  }
  var withError = sections.filter(function (s) { return s.querySelector(".errorlist li, .errorlist"); })[0];
  var withComment = sections.filter(function (s) { return s.querySelector(".field-comment"); })[0];
  var fromHash = location.hash && document.getElementById(location.hash.slice(1));
  var first = withError || withComment || (fromHash && sections.indexOf(fromHash) >= 0 ? fromHash : null) ||
    sections[0];
  show(first.id, false);
})();
