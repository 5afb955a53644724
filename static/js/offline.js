/* A form marked `data-offline` that cannot reach the server (no connection, or no answer within its htmx
 * timeout) keeps what was typed, says so, and is sent again as soon as the browser is back online, or on a
 * tap on "Opnieuw proberen". Sending it twice is safe: the form carries a one-time key, and the server saves
 * what a key brings once (trajecten/views/dagblad.py). No inline script: the page loads this file (CSP).
 *
 * Until it is sent, the input also waits in the tab's sessionStorage (gone when the tab closes): a page
 * reloaded or reopened in the same tab gets it back, its one-time key included, so that sending it then is
 * still the same form and cannot save a day twice. */
(function () {
  "use strict";

  var MELDING =
    "Niet verstuurd: geen verbinding. Je invoer blijft staan; we proberen opnieuw zodra je weer online bent.";
  var OPNIEUW_NA_MS = 30000; // online by the browser's word but the server still unreachable: try now and then
  var TERUGGEZET = "Je invoer die nog niet verstuurd was, staat terug. Kijk hem na en bewaar opnieuw.";
  var wachtend = [];

  function opslagsleutel(formulier) {
    return "honingraat.offline:" + formulier.getAttribute("action");
  }

  function bewaren(formulier) {
    var velden = [];
    new FormData(formulier).forEach(function (waarde, naam) {
      if (naam !== "csrfmiddlewaretoken" && typeof waarde === "string") {
        velden.push([naam, waarde]);
      }
    });
    try {
      window.sessionStorage.setItem(opslagsleutel(formulier), JSON.stringify(velden));
    } catch (fout) {
      // Storage full or refused (private mode): the input still stays on the page.
    }
  }

  function vergeten(formulier) {
    try {
      window.sessionStorage.removeItem(opslagsleutel(formulier));
    } catch (fout) {
      // Nothing was kept.
    }
  }

  function terugzetten(formulier) {
    var velden;
    try {
      velden = JSON.parse(window.sessionStorage.getItem(opslagsleutel(formulier)) || "null");
    } catch (fout) {
      velden = null;
    }
    if (!Array.isArray(velden) || !velden.length) {
      return;
    }
    velden.forEach(function (veld) {
      formulier.querySelectorAll("[name='" + CSS.escape(veld[0]) + "']").forEach(function (element) {
        if (element.type === "radio" || element.type === "checkbox") {
          element.checked = element.value === veld[1];
        } else {
          element.value = veld[1];
        }
      });
    });
    var vak = melding(formulier);
    vak.textContent = TERUGGEZET;
    vak.hidden = false;
  }

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
    bewaren(formulier);
    if (wachtend.indexOf(formulier) === -1) {
      wachtend.push(formulier);
    }
    if (navigator.onLine) {
      window.setTimeout(opnieuw, OPNIEUW_NA_MS);
    }
  }

  // An answer came: the server has the form (saved, or refused with the reason on the page).
  document.addEventListener("htmx:afterRequest", function (gebeurtenis) {
    var formulier = formulierVan(gebeurtenis);
    if (formulier && gebeurtenis.detail.xhr && gebeurtenis.detail.xhr.status) {
      vergeten(formulier);
    }
  });
  document.querySelectorAll("form[data-offline]").forEach(terugzetten);

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
