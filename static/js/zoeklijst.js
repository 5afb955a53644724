/* A long <select data-zoeklijst> (150 schools, 100 supporters) gets a field above it that filters its options
 * as you type. Without this file the plain select still works. The select stays the control that is sent and
 * read by assistive technology; the field only hides the options that do not match. Enter in the field picks
 * the first match, arrow down moves to the list. A status line says how many match. No inline script (CSP). */
(function () {
  "use strict";

  var volgnummer = 0;
  // The texts come from the page (templates/base.html, translated there); these are the fallbacks.
  var STANDAARD = {
    plaatshouder: "Typ om te filteren…",
    label: "Filter de keuzes",
    uitleg: "Filtert de lijst {lijst}. Enter kiest de eerste, pijl omlaag gaat naar de lijst.",
    een: "1 keuze past",
    meer: "{n} keuzes passen",
    gekozen: "Gekozen: {keuze}",
  };

  function tekst(sleutel, waarden) {
    var bron = document.getElementById("zoeklijst-teksten");
    var sjabloon = (bron && bron.dataset[sleutel]) || STANDAARD[sleutel];
    return sjabloon.replace(/\{(\w+)\}/g, function (_geheel, naam) {
      return waarden && naam in waarden ? String(waarden[naam]) : "";
    });
  }

  function normaal(waarde) {
    return waarde.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function zichtbare(lijst) {
    return Array.prototype.filter.call(lijst.options, function (optie) {
      return !optie.hidden && !optie.disabled;
    });
  }

  function filteren(lijst, veld, stand) {
    var woorden = normaal(veld.value).split(/\s+/).filter(Boolean);
    var treffers = 0;
    Array.prototype.forEach.call(lijst.options, function (optie) {
      var inhoud = normaal(optie.textContent);
      // An empty choice ("alle scholen") and the chosen one stay, so the list never looks emptied.
      var blijft = optie.value === "" || optie.selected || woorden.every(function (w) { return inhoud.indexOf(w) !== -1; });
      optie.hidden = !blijft;
      if (blijft && optie.value !== "") {
        treffers += 1;
      }
    });
    if (!woorden.length) {
      stand.textContent = "";
      return;
    }
    stand.textContent = treffers === 1 ? tekst("een") : tekst("meer", { n: treffers });
  }

  function verrijk(lijst) {
    if (lijst.dataset.zoeklijstKlaar) {
      return;
    }
    lijst.dataset.zoeklijstKlaar = "1";
    volgnummer += 1;
    var id = lijst.id || "zoeklijst-" + volgnummer;
    lijst.id = id;
    var veld = document.createElement("input");
    veld.type = "search";
    veld.className = "zoeklijst-veld";
    veld.autocomplete = "off";
    veld.placeholder = tekst("plaatshouder");
    veld.setAttribute("aria-label", tekst("label"));
    veld.setAttribute("aria-controls", id);
    var uitleg = document.createElement("span");
    uitleg.className = "visueel-verborgen";
    uitleg.id = id + "-filteruitleg";
    var label = lijst.labels && lijst.labels[0];
    uitleg.textContent = tekst("uitleg", { lijst: label ? label.textContent.trim() : "" });
    var stand = document.createElement("span");
    stand.className = "zoeklijst-stand onder";
    // A polite live region, not role=status: the page keeps one status (its messages) for the user and tests.
    stand.setAttribute("aria-live", "polite");
    veld.setAttribute("aria-describedby", uitleg.id);
    lijst.parentNode.insertBefore(veld, lijst);
    lijst.parentNode.insertBefore(uitleg, lijst);
    lijst.parentNode.insertBefore(stand, lijst.nextSibling);

    veld.addEventListener("input", function () {
      filteren(lijst, veld, stand);
    });
    veld.addEventListener("keydown", function (gebeurtenis) {
      var eerste = zichtbare(lijst).filter(function (optie) { return optie.value !== ""; });
      if (gebeurtenis.key === "Enter") {
        // Enter in the filter chooses; it does not send the form half filled in.
        gebeurtenis.preventDefault();
        if (eerste.length && veld.value.trim()) {
          lijst.value = eerste[0].value;
          lijst.dispatchEvent(new Event("change", { bubbles: true }));
          stand.textContent = tekst("gekozen", { keuze: eerste[0].textContent.trim() });
        }
      } else if (gebeurtenis.key === "ArrowDown") {
        gebeurtenis.preventDefault();
        lijst.focus();
      }
    });
  }

  function verrijkAlles(wortel) {
    (wortel || document).querySelectorAll("select[data-zoeklijst]").forEach(verrijk);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { verrijkAlles(document); });
  } else {
    verrijkAlles(document);
  }
  // Forms swapped in by htmx (the planning's move form after an error) get the field too.
  document.addEventListener("htmx:load", function (gebeurtenis) {
    verrijkAlles(gebeurtenis.target);
  });
})();
