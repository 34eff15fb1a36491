// A form sent back with errors: focus its error summary, so keyboard and screen-reader users
// start at the problems instead of the top of the page (a role="alert" that is already there
// when the page loads is not reliably read out). Filter forms (GET) keep the focus where it is.
(() => {
  "use strict";
  const summary = [...document.querySelectorAll(".form-errors[role=alert]")].find(
    (element) => !element.closest("form[method=get]"),
  );
  if (!summary || document.querySelector("[autofocus]")) return;
  if (document.activeElement && document.activeElement !== document.body) return;
  summary.tabIndex = -1;
  summary.focus();
})();
