// Audit reports: "select every row on this page" and a live count of selected rows.
// Progressive enhancement only: without JavaScript each row's checkbox still works.
(function () {
  "use strict";
  var form = document.getElementById("bulk-form");
  if (!form) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-row-select]"));
  var all = document.querySelector("[data-select-all]");
  var count = form.querySelector("[data-selected-count]");

  function update() {
    var selected = rows.filter(function (box) { return box.checked; }).length;
    if (count) {
      count.textContent = selected ? "(" + selected + " selected)" : "(none selected)";
    }
    if (all) {
      all.checked = selected > 0 && selected === rows.length;
      all.indeterminate = selected > 0 && selected < rows.length;
    }
  }

  if (all) {
    all.hidden = false;
    all.addEventListener("change", function () {
      rows.forEach(function (box) { box.checked = all.checked; });
      update();
    });
  }
  rows.forEach(function (box) { box.addEventListener("change", update); });
  update();
})();
