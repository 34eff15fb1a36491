// Messaging enhancements; every page works without them.
// 1. Copy buttons: copy a boilerplate to the clipboard and say so in an aria-live status.
// 2. Live word count under the boilerplate text (the server checks the budget regardless).
// 3. The "New…" menu (a <details>) closes on Escape, back on its button, and when focus or a
//    click goes elsewhere, as a menu does.
(() => {
  "use strict";

  const status = document.querySelector("[data-copy-status]");

  function announce(text) {
    if (!status) return;
    // Clearing first makes screen readers repeat the same message on a second copy.
    status.textContent = "";
    window.setTimeout(() => { status.textContent = text; }, 50);
  }

  function selectText(element) {
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  document.querySelectorAll(".copy-button").forEach((button) => {
    const scope = button.closest("[data-copy-scope]");
    const source = scope && scope.querySelector("[data-copy-source]");
    if (!source) return;
    const label = button.dataset.copyLabel || "text";
    const original = button.firstChild.textContent;
    button.hidden = false;
    button.addEventListener("click", async () => {
      const text = source.textContent.trim();
      try {
        if (!navigator.clipboard) throw new Error("no clipboard");
        await navigator.clipboard.writeText(text);
        button.firstChild.textContent = "Copied";
        announce(`Copied the ${label} to the clipboard.`);
        window.setTimeout(() => { button.firstChild.textContent = original; }, 2000);
      } catch {
        // Without clipboard access (plain http, old browser) select it for Ctrl+C instead.
        selectText(source);
        announce(`Selected the ${label}. Press Ctrl+C (or Cmd+C) to copy it.`);
      }
    });
  });

  const counter = document.querySelector("[data-word-count-for]");
  const textarea = counter && document.getElementById(counter.dataset.wordCountFor);
  if (textarea) {
    const ranges = JSON.parse(textarea.dataset.wordRanges || "{}");
    const lengthField = document.getElementById("id_length");
    const update = () => {
      const words = textarea.value.trim() ? textarea.value.trim().split(/\s+/).length : 0;
      const length = lengthField ? lengthField.value : "";
      const range = ranges[length];
      let text = `${words} word${words === 1 ? "" : "s"}`;
      if (range) text += ` · a ${length}-word text needs ${range[0]}–${range[1]}`;
      counter.textContent = text;
      counter.classList.toggle("word-count--out", Boolean(range) && (words < range[0] || words > range[1]));
    };
    textarea.addEventListener("input", update);
    if (lengthField) lengthField.addEventListener("change", update);
    update();
  }

  document.querySelectorAll("details.new-menu").forEach((menu) => {
    const summary = menu.querySelector("summary");
    menu.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        summary.focus();
      }
    });
    menu.addEventListener("focusout", (event) => {
      // No relatedTarget: a click on the menu's own text, or Safari's unfocusable links;
      // the click handler below closes it for clicks elsewhere.
      if (menu.open && event.relatedTarget && !menu.contains(event.relatedTarget)) {
        menu.open = false;
      }
    });
    document.addEventListener("click", (event) => {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
  });
})();
