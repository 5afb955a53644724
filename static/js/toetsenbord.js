/* Keyboard focus around HTMX swaps (WCAG 2.4.3, focus order). A swap that removes the focused element
 * (a row that becomes a form, a form that becomes its result) would send the keyboard back to the top of
 * the page: focus moves into what came in instead. The action panel of a trajectory (#actiepaneel) closes
 * with Escape or its Annuleren link and gives focus back to the button that opened it; without this
 * script that link simply reloads the trajectory. No inline script: the page loads this file (CSP). */
(function () {
  "use strict";

  var FOCUSBAAR = "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), " +
    "select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";
  var opener = null; // the link that opened the action panel

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
  });

  document.addEventListener("htmx:afterSettle", function (gebeurtenis) {
    if (!focusVerloren()) {
      return; // htmx focused an [autofocus] field, or the user's focus was never in the swapped part
    }
    var doel = gebeurtenis.detail.target;
    if (doel && !doel.isConnected && doel.id) {
      doel = document.getElementById(doel.id); // an outerHTML swap put a new element in its place
    }
    var eerste = doel && doel.isConnected && doel.querySelector(FOCUSBAAR);
    if (eerste) {
      eerste.focus();
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
