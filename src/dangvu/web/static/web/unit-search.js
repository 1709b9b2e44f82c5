/* Unit drop-downs searchable without diacritics (issue 20): a search box is put before every
   <select data-unit-search>; typing "dai kim" keeps only the units whose name or superior's
   name (data-superior), read without accents, has a word starting with each typed word (as the
   server's search: core.text.search_key), and picks the first of them when the one chosen is
   filtered out. Without this script the plain <select> works as before; the
   CSP forbids inline scripts, so it is this static file. */
(function () {
  "use strict";

  // Lower case without diacritics, đ read as d: the same key as core.text.unaccent.
  function unaccent(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/đ/g, "d");
  }

  function enhance(select) {
    var input = document.createElement("input");
    input.type = "search";
    input.className = "unit-search";
    input.setAttribute("autocomplete", "off");
    input.placeholder = "Tìm nhanh (gõ không dấu được)";
    // Not the select's own label: a page (or a test) asking for the select by its label finds one field.
    input.setAttribute("aria-label", "Tìm nhanh trong danh sách bên dưới");
    if (select.id) {
      input.id = select.id + "_tim";
      input.setAttribute("aria-controls", select.id);
    }
    // A unit is found by its own name or its superior's (a cell by its ward).
    var keys = Array.prototype.map.call(select.options, function (o) {
      return " " + unaccent(o.text + " " + (o.getAttribute("data-superior") || ""));
    });
    input.addEventListener("input", function () {
      var words = unaccent(input.value).split(/\s+/).filter(Boolean);
      var first = null;
      Array.prototype.forEach.call(select.options, function (option, i) {
        // The empty choice ("Tất cả", "---------") always stays, so a filter can be cleared.
        var keep = option.value === "" || words.every(function (w) { return keys[i].indexOf(" " + w) !== -1; });
        option.hidden = !keep;
        if (keep && option.value !== "" && first === null) first = option;
      });
      var chosen = select.options[select.selectedIndex];
      if (words.length && first && (!chosen || chosen.hidden || chosen.value === "")) {
        select.value = first.value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
      input.setAttribute("data-matches", String(Array.prototype.filter.call(select.options, function (o) {
        return !o.hidden && o.value !== "";
      }).length));
    });
    select.parentNode.insertBefore(input, select);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-unit-search]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
