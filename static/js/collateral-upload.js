/* Upload progress for collateral forms (progressive enhancement).

   Without JavaScript the forms post normally. With it, a form marked `data-upload-form` is
   sent with XMLHttpRequest so the browser reports upload progress, shown in a <progress>
   element and a status line that screen readers announce. The server answers exactly as it
   does for a normal post: a redirect to the asset page on success (the XHR follows it), or
   the form page again with errors (status 200). Either way the answer's <main> replaces this
   page's <main>, so flash messages appear once and no separate API is needed. */
(function () {
  "use strict";

  if (!window.FormData || !window.XMLHttpRequest || !window.DOMParser) {
    return;
  }

  function formatMegabytes(bytes) {
    return (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0) + " MB";
  }

  function swapMain(html, url) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var incoming = doc.querySelector("main");
    var current = document.querySelector("main");
    if (!incoming || !current) {
      return false;
    }
    current.replaceWith(document.adoptNode(incoming));
    document.title = doc.title;
    if (url && url !== window.location.href) {
      window.history.replaceState(null, "", url);
    }
    var errors = document.querySelector("[data-form-errors]");
    var focusTarget = errors || document.querySelector("main");
    if (focusTarget) {
      focusTarget.focus();
    }
    window.scrollTo(0, 0);
    return true;
  }

  function send(form) {
    var box = form.querySelector("[data-upload-progress]");
    var bar = box ? box.querySelector("progress") : null;
    var status = box ? box.querySelector("[data-upload-status]") : null;
    var buttons = form.querySelectorAll("button[type=submit]");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    var xhr = new XMLHttpRequest();

    function say(text) {
      if (status) {
        status.textContent = text;
      }
    }

    function reset(message) {
      buttons.forEach(function (button) { button.disabled = false; });
      form.removeAttribute("aria-busy");
      say(message);
    }

    xhr.open("POST", form.action);
    if (token) {
      xhr.setRequestHeader("X-CSRFToken", token.value);
    }
    xhr.upload.addEventListener("progress", function (event) {
      if (!event.lengthComputable || !bar) {
        return;
      }
      var percent = Math.floor((event.loaded / event.total) * 100);
      bar.value = percent;
      bar.textContent = percent + "%";
      say("Uploading… " + percent + "% (" + formatMegabytes(event.loaded) + " of " +
        formatMegabytes(event.total) + ")");
    });
    xhr.upload.addEventListener("load", function () {
      if (bar) {
        bar.value = 100;
      }
      say("Upload complete. Checking the file and making a preview…");
    });
    xhr.addEventListener("load", function () {
      var html = xhr.responseText;
      // A session that ended meanwhile answers with the sign-in page (after a redirect):
      // swapping it in would lose this form and look like a page that forgot who you are.
      var login = form.getAttribute("data-login-url");
      if (login && xhr.responseURL && new URL(xhr.responseURL).pathname === login) {
        reset("You were signed out, so nothing was saved. Sign in again in a new tab, then " +
          "reload this page and upload again.");
        return;
      }
      if (xhr.status === 200 && swapMain(html, xhr.responseURL)) {
        return;
      }
      var detail = new DOMParser().parseFromString(html, "text/html")
        .querySelector("[data-error-detail]");
      if (xhr.status === 413) {
        reset("The file is too large for the server. Nothing was saved.");
      } else if (detail) {
        reset(detail.textContent.trim());
      } else {
        reset("The upload failed (error " + xhr.status + "). Nothing was saved; please try again.");
      }
    });
    xhr.addEventListener("error", function () {
      reset("The connection was lost during the upload. Nothing was saved; please try again.");
    });
    xhr.addEventListener("abort", function () {
      reset("The upload was cancelled. Nothing was saved.");
    });

    buttons.forEach(function (button) { button.disabled = true; });
    form.setAttribute("aria-busy", "true");
    if (box) {
      box.hidden = false;
    }
    say("Starting the upload…");
    xhr.send(new FormData(form));
  }

  // The server cannot read a form whose file name is over about 1,000 bytes (see the 400
  // page); say so before sending megabytes for nothing.
  var NAME_LIMIT_BYTES = 900;

  function nameTooLong(form) {
    var inputs = form.querySelectorAll("input[type=file]");
    for (var i = 0; i < inputs.length; i += 1) {
      var file = inputs[i].files && inputs[i].files[0];
      if (file && new TextEncoder().encode(file.name).length > NAME_LIMIT_BYTES) {
        return true;
      }
    }
    return false;
  }

  // Delegated, so forms that arrive by swapMain() keep working.
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-upload-form]");
    if (!form || event.defaultPrevented) {
      return;
    }
    event.preventDefault();
    if (window.TextEncoder && nameTooLong(form)) {
      var box = form.querySelector("[data-upload-progress]");
      var status = box ? box.querySelector("[data-upload-status]") : null;
      if (box) {
        box.hidden = false;
      }
      if (status) {
        status.textContent = "This file's name is too long to upload (over about 1,000 " +
          "bytes). Rename the file to something shorter and choose it again.";
      }
      return;
    }
    send(form);
  });
}());
