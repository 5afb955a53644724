/* A form that is being sent cannot be sent again by a second click: its buttons wait until the answer
 * comes (htmx) or the next page loads. The server refuses a double anyway (netwerk/eenmalig.py); this
 * only spares the user the wait and the message. No inline script: the page loads this file (CSP). */
(function () {
  "use strict";

  var WEER_VRIJ_NA_MS = 8000; // an answer that never comes (a download, a lost connection) frees the form

  function knoppen(formulier) {
    return formulier.querySelectorAll("button:not([type]), button[type=submit], input[type=submit]");
  }

  function vrijgeven(formulier) {
    delete formulier.dataset.bezig;
    knoppen(formulier).forEach(function (knop) {
      if (knop.dataset.eenmalig === "uit") {
        knop.disabled = false;
        delete knop.dataset.eenmalig;
      }
      knop.removeAttribute("aria-busy");
    });
  }

  document.addEventListener(
    "submit",
    function (gebeurtenis) {
      var formulier = gebeurtenis.target;
      if (!(formulier instanceof HTMLFormElement) || formulier.method.toLowerCase() !== "post") {
        return;
      }
      if (formulier.dataset.bezig) {
        gebeurtenis.preventDefault();
        gebeurtenis.stopImmediatePropagation();
        return;
      }
      formulier.dataset.bezig = "1";
      // After this turn: the browser and htmx have read the form, the clicked button's value included.
      window.setTimeout(function () {
        knoppen(formulier).forEach(function (knop) {
          if (!knop.disabled) {
            knop.disabled = true;
            knop.dataset.eenmalig = "uit";
          }
          knop.setAttribute("aria-busy", "true");
        });
      }, 0);
      window.setTimeout(function () {
        vrijgeven(formulier);
      }, WEER_VRIJ_NA_MS);
    },
    true
  );

  document.addEventListener("htmx:afterRequest", function (gebeurtenis) {
    var bron = gebeurtenis.detail && gebeurtenis.detail.elt;
    var formulier = bron && (bron.tagName === "FORM" ? bron : bron.closest && bron.closest("form"));
    if (formulier) {
      vrijgeven(formulier);
    }
  });

  // Back to a page kept in the browser's cache: its forms can be sent again.
  window.addEventListener("pageshow", function (gebeurtenis) {
    if (gebeurtenis.persisted) {
      document.querySelectorAll("form[data-bezig]").forEach(vrijgeven);
    }
  });
})();
