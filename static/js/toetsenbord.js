/* Keyboard focus around HTMX swaps (WCAG 2.4.3, focus order). A swap that removes the focused element
 * (a row that becomes a form, a form that becomes its result) would send the keyboard back to the top of
 * the page: the same control in what came in gets the focus back, or else the first one there. The action
 * panel of a trajectory (#actiepaneel) closes with Escape or its Annuleren link and gives focus back to
 * the button that opened it; without this script that link simply reloads the trajectory. No inline
 * script: the page loads this file (CSP). */
(function () {
  "use strict";

  var FOCUSBAAR = "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), " +
    "select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";
  var opener = null; // the link that opened the action panel
  var vorige = null; // the focused control inside the part being swapped

  function focusVerloren() {
    var actief = document.activeElement;
    return !actief || actief === document.body || !actief.isConnected;
  }

  function sluitPaneel(paneel) {
    paneel.replaceChildren();
    if (opener && opener.isConnected) {
      opener.focus();
    }
    opener = null;
  }

  document.addEventListener("htmx:beforeRequest", function (gebeurtenis) {
    var doel = gebeurtenis.detail.target;
    if (doel && doel.id === "actiepaneel") {
      opener = gebeurtenis.detail.elt;
    }
    // What has the focus in the part the answer will replace: the same control in the new content gets
    // it back. Read now, before the pressed button is disabled while the request runs (and so loses it).
    var actief = document.activeElement;
    vorige = null;
    if (actief && actief !== document.body && doel && doel.contains(actief)) {
      vorige = { tag: actief.tagName, naam: actief.getAttribute("name"), tekst: actief.textContent.trim() };
    }
  });

  function zelfde(kandidaat) {
    return vorige && kandidaat.tagName === vorige.tag && kandidaat.getAttribute("name") === vorige.naam &&
      kandidaat.textContent.trim() === vorige.tekst;
  }

  // In the same task as the swap (htmx:afterSwap, not afterSettle): a key pressed right after the swap
  // already finds the focus in place. An [autofocus] field still takes it when the swap settles.
  document.addEventListener("htmx:afterSwap", function (gebeurtenis) {
    if (!vorige || !focusVerloren()) {
      // The focus was never in the swapped part (a poll must not pull it away from where the user
      // is), or htmx kept it (an element with an id).
      vorige = null;
      return;
    }
    var doel = gebeurtenis.detail.target;
    if (doel && !doel.isConnected && doel.id) {
      doel = document.getElementById(doel.id); // an outerHTML swap put a new element in its place
    }
    if (!doel || !doel.isConnected) {
      return;
    }
    var kandidaten = Array.prototype.slice.call(doel.querySelectorAll(FOCUSBAAR));
    var keuze = kandidaten.filter(zelfde)[0] || kandidaten[0];
    vorige = null;
    if (keuze) {
      keuze.focus();
    }
  });

  document.addEventListener("keydown", function (gebeurtenis) {
    if (gebeurtenis.key !== "Escape" || !gebeurtenis.target.closest) {
      return;
    }
    var paneel = gebeurtenis.target.closest("#actiepaneel");
    if (paneel && paneel.firstElementChild) {
      gebeurtenis.preventDefault();
      sluitPaneel(paneel);
    }
  });

  document.addEventListener("click", function (gebeurtenis) {
    var link = gebeurtenis.target.closest && gebeurtenis.target.closest("#actiepaneel a[data-sluit]");
    if (link) {
      gebeurtenis.preventDefault();
      sluitPaneel(link.closest("#actiepaneel"));
    }
  });
})();
