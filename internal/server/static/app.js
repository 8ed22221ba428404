// Storyline's only script. The pages work without it; it adds small
// conveniences: timeline filters, and filter forms that leave empty
// fields out of the URL.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Timeline: show or hide entries by kind.
  document.querySelectorAll(".tl-filter").forEach(function (box) {
    box.hidden = false;
    var list = box.parentElement.querySelector(".timeline");
    box.addEventListener("change", function () {
      var on = {};
      box.querySelectorAll("input[type=checkbox]").forEach(function (c) { on[c.value] = c.checked; });
      list.querySelectorAll(".tl-item").forEach(function (li) { li.hidden = !on[li.dataset.kind]; });
    });
  });
  // Filter forms: drop empty fields so that URLs stay short and shareable.
  document.querySelectorAll("form[data-clean]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (el) {
        if (el.name && el.value === "") { el.disabled = true; }
      });
      setTimeout(function () {
        form.querySelectorAll("input, select").forEach(function (el) { el.disabled = false; });
      }, 0);
    });
  });
});
