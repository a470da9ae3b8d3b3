// Search-driven pickers (ali_party/pickers.py, ali_party/widgets.SearchSelect): every
// <select data-picker-url> becomes a Tom Select that asks the server as the user types. The
// select holds only the chosen option(s); the texts come from the page (data-picker-*), so they
// follow the page's language. Narrowing fields (data-picker-narrow="organization=organization")
// add the current value of another field of the same form to every search. No inline script (CSP).
(function () {
  if (typeof TomSelect === "undefined") { return; }

  function pairs(text) {
    return new URLSearchParams(text || "");
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function enhance(select) {
    var url = select.getAttribute("data-picker-url");
    var fixed = pairs(select.getAttribute("data-picker-params"));
    var narrow = pairs(select.getAttribute("data-picker-narrow"));
    var narrowRequired = select.getAttribute("data-picker-narrow-required") === "1";
    var texts = {
      placeholder: select.getAttribute("data-picker-placeholder") || "",
      noResults: select.getAttribute("data-picker-no-results") || "",
      loading: select.getAttribute("data-picker-loading") || "",
      narrowFirst: select.getAttribute("data-picker-narrow-first") || ""
    };
    var form = select.form;
    var sent = 0;  // searches sent so far: only the answer to the last one is shown

    function narrowField(name) {
      return form ? form.elements.namedItem(name) : null;
    }

    // The narrowing values now: {param: value}; null when a required one is empty.
    function narrowing() {
      var values = {};
      var missing = false;
      narrow.forEach(function (fieldName, param) {
        var field = narrowField(fieldName);
        var value = field ? field.value : "";
        if (value) { values[param] = value; } else { missing = true; }
      });
      return narrowRequired && missing ? null : values;
    }

    // An answer that arrives once a single choice is made and the field left (the search typed
    // before the choice, still on its way or still waiting out the throttle) never opens the list
    // again: Tom Select opens it for any answer while it thinks the field has the focus, and its
    // blur() does not tell it otherwise when the window itself has no focus (document.hasFocus()
    // false, as in a background tab or a headless browser). The field's own input element having
    // the focus is what says the user is still searching.
    function settled() {
      if (!select.multiple && document.activeElement !== picker.control_input) { picker.close(); }
    }

    var settings = {
      valueField: "value",
      labelField: "text",
      searchField: [],
      maxOptions: null,
      placeholder: texts.placeholder,
      allowEmptyOption: false,  // the empty option is the placeholder, not a choice
      preload: "focus",
      loadThrottle: 250,
      // A single choice is made: close the list and leave the field, so that the answer to a search
      // still on its way (Tom Select opens the list for any answer while the field has the focus)
      // does not open it again over the next field.
      closeAfterSelect: !select.multiple,
      onItemAdd: function () {
        if (!select.multiple) { this.close(); this.blur(); }
      },
      // The server has searched: show what it sent, in its order. Only a row whose label holds the
      // typed text (every kind's label shows the fields it is searched by) is shown, so that a late
      // answer to an earlier search never stands in for this one.
      score: function (search) {
        var typed = search.trim().replace(/\s+/g, " ");
        return function (item) { return !typed || String(item.text).indexOf(typed) >= 0 ? 1 : 0; };
      },
      shouldLoad: function () { return true; },
      load: function (query, callback) {
        var self = this;
        // Every search asks the server again and shows exactly its answer, in its order: the rows
        // found for an earlier search (or another organization) are dropped, the chosen ones kept.
        self.loadedSearches = {};
        var values = narrowing();
        if (values === null) { self.clearOptions(); callback(); return; }
        var params = new URLSearchParams(fixed.toString());
        Object.keys(values).forEach(function (key) { params.set(key, values[key]); });
        params.set("q", query);
        var asked = ++sent;
        fetch(url + "?" + params.toString(), {
          credentials: "same-origin", headers: { "Accept": "application/json" }
        })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) {
            if (asked === sent) {
              self.clearOptions();
              callback(data.results);
            } else {
              callback();  // a newer search is on its way
            }
            settled();
          })
          .catch(function () { callback(); settled(); });
      },
      render: {
        no_results: function () {
          var text = narrowing() === null ? texts.narrowFirst : texts.noResults;
          return '<div class="no-results">' + escapeHtml(text) + "</div>";
        },
        loading: function () {
          return '<div class="spinner-border spinner-border-sm m-2" role="status"><span class="visually-hidden">' +
            escapeHtml(texts.loading) + "</span></div>";
        }
      }
    };
    if (select.multiple) {
      settings.plugins = ["remove_button"];
    } else if (!select.required) {
      settings.plugins = ["clear_button"];
    }
    var picker = new TomSelect(select, settings);

    // Another organization (village …) chosen: forget what was found under the old one.
    narrow.forEach(function (fieldName) {
      var field = narrowField(fieldName);
      if (!field) { return; }
      field.addEventListener("change", function () {
        picker.clearOptions();
        picker.loadedSearches = {};
        picker.lastQuery = null;
      });
    });
  }

  function start() {
    document.querySelectorAll("select[data-picker-url]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
