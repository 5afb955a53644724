/* The header's search panel (templates/base.html, honingraat/zoeken.py): htmx fills it while one types;
 * this file only makes it usable by keyboard and closes it. Arrow down from the field walks the results,
 * Escape closes the panel and returns to the field, a click elsewhere closes it. No inline script (CSP). */
(function () {
  "use strict";

  function onderdelen() {
    var veld = document.getElementById("kopzoek-q");
    var paneel = document.getElementById("kopzoek-resultaten");
    return veld && paneel ? { veld: veld, paneel: paneel } : null;
  }

  function sluiten(terugNaarVeld) {
    var delen = onderdelen();
    if (!delen) {
      return;
    }
    delen.paneel.innerHTML = "";
    if (terugNaarVeld) {
      delen.veld.focus();
    }
  }

  // The live panel is wired here, not in the markup: a page without JS (and a page's own tests) sees a plain
  // form that POSTs to the search page.
  function aansluiten() {
    var delen = onderdelen();
    if (!delen || !window.htmx || delen.veld.form.hasAttribute("hx-post")) {
      return;
    }
    var formulier = delen.veld.form;
    formulier.setAttribute("hx-post", formulier.getAttribute("action"));
    formulier.setAttribute("hx-target", "#kopzoek-resultaten");
    formulier.setAttribute("hx-swap", "innerHTML");
    formulier.setAttribute("hx-trigger", "input changed delay:300ms from:#kopzoek-q");
    window.htmx.process(formulier);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", aansluiten);
  } else {
    aansluiten();
  }

  document.addEventListener("keydown", function (gebeurtenis) {
    var delen = onderdelen();
    if (!delen) {
      return;
    }
    var inVeld = gebeurtenis.target === delen.veld;
    var inPaneel = delen.paneel.contains(gebeurtenis.target);
    if (!inVeld && !inPaneel) {
      return;
    }
    if (gebeurtenis.key === "Escape" && delen.paneel.innerHTML.trim() !== "") {
      gebeurtenis.preventDefault();
      sluiten(true);
      return;
    }
    if (gebeurtenis.key !== "ArrowDown" && gebeurtenis.key !== "ArrowUp") {
      return;
    }
    var links = Array.prototype.slice.call(delen.paneel.querySelectorAll("a"));
    if (!links.length) {
      return;
    }
    gebeurtenis.preventDefault();
    var plaats = links.indexOf(gebeurtenis.target);
    if (inVeld) {
      links[gebeurtenis.key === "ArrowDown" ? 0 : links.length - 1].focus();
    } else if (gebeurtenis.key === "ArrowDown") {
      links[Math.min(plaats + 1, links.length - 1)].focus();
    } else if (plaats <= 0) {
      delen.veld.focus();
    } else {
      links[plaats - 1].focus();
    }
  });

  document.addEventListener("click", function (gebeurtenis) {
    var delen = onderdelen();
    if (!delen) {
      return;
    }
    var alles = gebeurtenis.target.closest && gebeurtenis.target.closest("[data-zoek-alles]");
    if (alles) {
      gebeurtenis.preventDefault();
      delen.veld.form.submit(); // the whole results page: a normal POST, the term stays out of the URL
      return;
    }
    if (!delen.veld.form.contains(gebeurtenis.target)) {
      sluiten(false);
    }
  });
})();
