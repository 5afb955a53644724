/* A form marked `data-offline` that cannot reach the server (no connection, or no answer within its htmx
 * timeout) keeps what was typed, says so, and is sent again as soon as the browser is back online, or on a
 * tap on "Opnieuw proberen". Sending it twice is safe: the form carries a one-time key, and the server saves
 * what a key brings once (trajecten/views/dagblad.py). No inline script: the page loads this file (CSP). */
(function () {
  "use strict";

  var MELDING =
    "Niet verstuurd: geen verbinding. Je invoer blijft staan; we proberen opnieuw zodra je weer online bent.";
  var OPNIEUW_NA_MS = 30000; // online by the browser's word but the server still unreachable: try now and then
  var wachtend = [];

  function formulierVan(gebeurtenis) {
    var bron = gebeurtenis.detail && gebeurtenis.detail.elt;
    var formulier = bron && (bron.tagName === "FORM" ? bron : bron.closest && bron.closest("form"));
    return formulier && formulier.hasAttribute("data-offline") ? formulier : null;
  }

  function melding(formulier) {
    var vak = formulier.querySelector("[data-offline-melding]");
    if (!vak) {
      vak = document.createElement("p");
      vak.className = "offline-melding fout";
      vak.setAttribute("role", "alert");
      vak.setAttribute("data-offline-melding", "");
      formulier.insertBefore(vak, formulier.firstChild);
    }
    return vak;
  }

  function versturen(formulier) {
    if (!formulier.isConnected) {
      return;
    }
    melding(formulier).hidden = true;
    if (typeof formulier.requestSubmit === "function") {
      formulier.requestSubmit();
    } else {
      formulier.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
    }
  }

  function opnieuw() {
    var formulieren = wachtend;
    wachtend = [];
    formulieren.forEach(versturen);
  }

  function nietVerstuurd(gebeurtenis) {
    var formulier = formulierVan(gebeurtenis);
    if (!formulier) {
      return;
    }
    var vak = melding(formulier);
    vak.textContent = MELDING + " ";
    var knop = document.createElement("button");
    knop.type = "button";
    knop.className = "secundair klein";
    knop.textContent = "Opnieuw proberen";
    knop.addEventListener("click", function () {
      wachtend = wachtend.filter(function (f) {
        return f !== formulier;
      });
      versturen(formulier);
    });
    vak.appendChild(knop);
    vak.hidden = false;
    if (wachtend.indexOf(formulier) === -1) {
      wachtend.push(formulier);
    }
    if (navigator.onLine) {
      window.setTimeout(opnieuw, OPNIEUW_NA_MS);
    }
  }

  document.addEventListener("htmx:sendError", nietVerstuurd);
  document.addEventListener("htmx:timeout", nietVerstuurd);
  window.addEventListener("online", opnieuw);

  // A second tap on a chosen quick duration takes the choice back: a row can be left empty again.
  document.addEventListener("click", function (gebeurtenis) {
    var keuze = gebeurtenis.target;
    if (!(keuze instanceof HTMLInputElement) || keuze.type !== "radio" || !keuze.closest(".dagregel")) {
      return;
    }
    if (keuze.dataset.gekozen === "ja") {
      keuze.checked = false;
      delete keuze.dataset.gekozen;
      return;
    }
    document.querySelectorAll("input[type=radio][name='" + keuze.name + "']").forEach(function (ander) {
      delete ander.dataset.gekozen;
    });
    keuze.dataset.gekozen = "ja";
  });
})();
