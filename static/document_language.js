// The language and direction of the whole document (WCAG 3.1.1 Language of Page), so a
// screen reader reads French and Arabic in their own voice: Streamlit writes
// <html lang="en"> and nothing else changes it. components/language.py adds this script
// to every page as an element with data-lang and data-dir; it is a file from the app's
// own origin, so a Content-Security-Policy of script-src 'self' allows it.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.dataset.lang) {
    return;
  }
  var root = document.documentElement;
  root.lang = script.dataset.lang;
  root.dir = script.dataset.dir === "rtl" ? "rtl" : "ltr";
})();
