// The print view's "Print" button. Without JavaScript it stays hidden and the page explains
// how to print with the browser's own command.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
