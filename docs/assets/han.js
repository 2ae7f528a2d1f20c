/* Sổ tay thi đua: filters of the deadlines page (han/), without a server.
 *
 * Every row of the page carries what it is filtered on (data-tinh, data-dia-ban
 * with the locality and every unit above it, data-cap, data-phong-trao,
 * data-ngay = the last day it is due). "Due within N days" counts from the
 * build's "today" (data-today on the form), not the reader's clock, so a
 * shared link shows the same rows as the page's own labels say.
 *
 * The state lives in the query string, e.g. han/?tinh=tinh-binh-dinh&trong=30:
 * opening that link fresh reproduces the view. Plain DOM, no library, no
 * request: the page works the same from a file server on the intranet.
 */
(function () {
  "use strict";

  var form = document.getElementById("han-loc");
  if (!form) return;

  var FIELDS = ["tinh", "dia-ban", "cap", "phong-trao", "trong", "an-da-qua"];
  var DAY = 86400000;
  var today = Date.parse(form.dataset.today + "T00:00:00Z");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.st-han"));
  var result = form.querySelector(".st-han-ket-qua");
  var feedNote = form.querySelector(".st-han-lich-loc");
  var localityOptions = Array.prototype.slice.call(form.elements["dia-ban"].options);

  function words(value) {
    return (value || "").split(" ").filter(Boolean);
  }

  /* The filter state from the form: {name: value} without empty values. */
  function read() {
    var state = {};
    FIELDS.forEach(function (name) {
      var el = form.elements[name];
      var value = el.type === "checkbox" ? (el.checked ? "1" : "") : el.value.trim();
      if (name === "trong" && value !== "" && !/^\d+$/.test(value)) value = "";
      if (value) state[name] = value;
    });
    return state;
  }

  /* Put a state into the form; values the page does not offer are dropped. */
  function write(state) {
    FIELDS.forEach(function (name) {
      var el = form.elements[name];
      var value = state[name] || "";
      if (el.type === "checkbox") {
        el.checked = value === "1";
      } else if (el.tagName === "SELECT") {
        var known = Array.prototype.some.call(el.options, function (o) { return o.value === value; });
        el.value = known ? value : "";
      } else {
        el.value = /^\d+$/.test(value) ? value : "";
      }
    });
  }

  function fromUrl() {
    var params = new URLSearchParams(window.location.search);
    var state = {};
    FIELDS.forEach(function (name) {
      if (params.get(name)) state[name] = params.get(name);
    });
    return state;
  }

  function toUrl(state) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) {
      if (state[name]) params.set(name, state[name]);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  }

  function matches(row, state) {
    if (state.tinh && row.dataset.tinh !== state.tinh) return false;
    if (state["dia-ban"] && words(row.dataset.diaBan).indexOf(state["dia-ban"]) < 0) return false;
    if (state.cap && row.dataset.cap !== state.cap) return false;
    if (state["phong-trao"] && words(row.dataset.phongTrao).indexOf(state["phong-trao"]) < 0) return false;
    var due = row.dataset.ngay ? Date.parse(row.dataset.ngay + "T00:00:00Z") : null;
    var past = row.classList.contains("st-han-da-qua");
    if (state["an-da-qua"] && past) return false;
    // Relative deadlines have no date: "within N days" cannot say, they stay listed.
    if (state.trong && due !== null) {
      var days = Math.round((due - today) / DAY);
      if (days < 0 || days > Number(state.trong)) return false;
    }
    return true;
  }

  /* Localities of the chosen province only, in the locality list. */
  function narrowLocalities(state) {
    localityOptions.forEach(function (o) {
      o.hidden = Boolean(o.value && state.tinh && o.dataset.tinh !== state.tinh);
    });
    var chosen = form.elements["dia-ban"].selectedOptions[0];
    if (chosen && chosen.hidden) form.elements["dia-ban"].value = "";
  }

  function showFeed(state) {
    var kind = state["dia-ban"] || state.tinh ? "dia-ban" : state["phong-trao"] ? "phong-trao" : null;
    feedNote.textContent = "";
    feedNote.hidden = !kind;
    if (!kind) return;
    var id = kind === "dia-ban" ? state["dia-ban"] || state.tinh : state["phong-trao"];
    var select = form.elements[kind === "dia-ban" ? (state["dia-ban"] ? "dia-ban" : "tinh") : "phong-trao"];
    var name = select.selectedOptions[0].textContent.replace(/^[—\s]+/, "");
    var link = document.createElement("a");
    link.href = form.dataset[kind === "dia-ban" ? "lichDiaBan" : "lichPhongTrao"].replace("MA", id);
    link.type = "text/calendar";
    link.setAttribute("download", "");
    link.textContent = "tệp .ics của " + name;
    feedNote.append("Lịch các hạn của lựa chọn này: ", link);
  }

  function apply(state) {
    narrowLocalities(state);
    state = read();
    var shown = 0;
    rows.forEach(function (row) {
      var ok = matches(row, state);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    // A month, or a table, with nothing left to show goes away with its heading.
    document.querySelectorAll(".st-han-thang, .st-han-nhom table").forEach(function (box) {
      box.hidden = !box.querySelector("tr.st-han:not([hidden])");
    });
    document.querySelectorAll(".st-han-nhom").forEach(function (group) {
      var empty = group.querySelector(".st-han-trong");
      if (empty) empty.hidden = Boolean(group.querySelector("tr.st-han:not([hidden])"));
    });
    var filtered = Object.keys(state).length > 0;
    result.textContent = filtered
      ? "Đang hiện " + shown + " trên " + rows.length + " hạn."
      : "Đang hiện tất cả " + rows.length + " hạn.";
    showFeed(state);
    return state;
  }

  function update() {
    toUrl(apply(read()));
  }

  form.addEventListener("change", update);
  form.addEventListener("input", function (event) {
    if (event.target.name === "trong") update();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update();
  });
  form.querySelector("[data-bo-loc]").addEventListener("click", function () {
    write({});
    update();
  });
  window.addEventListener("popstate", function () {
    write(fromUrl());
    apply(read());
  });

  write(fromUrl());
  apply(read());
  form.hidden = false;
})();
