/* The kit editor: a live weight total (with text, not only colour), formset rows added, moved
   and marked for removal, and the dimension choices of exercises and signals kept in step with
   the dimension rows as they are typed. No inline handlers: everything is bound here. */
(function () {
  "use strict";

  function rowsOf(name) {
    var box = document.querySelector('.kit-rows[data-formset="' + name + '"]');
    return box ? Array.prototype.slice.call(box.querySelectorAll(":scope > [data-row]")) : [];
  }

  function isRemoved(row) {
    var box = row.querySelector(".kit-delete");
    return Boolean(box && box.checked);
  }

  function updateTotal() {
    var status = document.getElementById("weight-total");
    if (!status) return;
    var total = 0;
    rowsOf("dimensions").forEach(function (row) {
      if (isRemoved(row)) return;
      var input = row.querySelector(".kit-weight-input");
      var value = input ? parseInt(input.value, 10) : NaN;
      if (!isNaN(value)) total += value;
    });
    var ok = total === 100;
    var message = ok
      ? "ready to save."
      : total < 100
        ? (100 - total) + "% short of 100%, not ready to save."
        : (total - 100) + "% over 100%, not ready to save.";
    status.classList.toggle("is-ok", ok);
    status.classList.toggle("is-off", !ok);
    status.querySelector("[data-total]").textContent = total + "%";
    status.querySelector("[data-total-message]").textContent = message;
    status.querySelector(".kit-total-icon").textContent = ok ? "✓" : "!";
  }

  function dimensionChoices() {
    return rowsOf("dimensions").map(function (row) {
      var index = row.getAttribute("data-index");
      var input = row.querySelector('input[name$="-name"]');
      var name = (input && input.value.trim()) || "Dimension " + (parseInt(index, 10) + 1);
      return { value: index, label: name, removed: isRemoved(row) };
    });
  }

  function syncChoices() {
    var choices = dimensionChoices();
    document.querySelectorAll(".kit-focus-options").forEach(function (box) {
      var name = box.getAttribute("data-choice-name");
      var idBase = box.getAttribute("data-choice-id");
      var checked = {};
      box.querySelectorAll("input[type=checkbox]").forEach(function (c) {
        checked[c.value] = c.checked;
      });
      box.textContent = "";
      if (!choices.length) {
        var p = document.createElement("p");
        p.className = "small text-body-secondary mb-0";
        p.textContent = "Add a dimension first.";
        box.appendChild(p);
      }
      choices.forEach(function (choice) {
        var wrap = document.createElement("div");
        wrap.className = "form-check form-check-inline";
        var input = document.createElement("input");
        input.type = "checkbox";
        input.className = "form-check-input";
        input.name = name;
        input.value = choice.value;
        input.id = idBase + "_" + choice.value;
        input.checked = Boolean(checked[choice.value]);
        input.disabled = choice.removed;
        var label = document.createElement("label");
        label.className = "form-check-label";
        label.htmlFor = input.id;
        label.textContent = choice.label + (choice.removed ? " (being removed)" : "");
        wrap.appendChild(input);
        wrap.appendChild(label);
        box.appendChild(wrap);
      });
    });
    document.querySelectorAll("select[data-dimension-select]").forEach(function (select) {
      var current = select.value;
      while (select.options.length > 1) select.remove(1);
      choices.forEach(function (choice) {
        if (choice.removed && choice.value !== current) return;
        var option = new Option(choice.label + (choice.removed ? " (being removed)" : ""), choice.value);
        select.add(option);
      });
      select.value = current;
    });
  }

  function updateTitle(input) {
    var title = document.querySelector('[data-title-for="' + input.id + '"]');
    if (title) title.textContent = input.value.trim() || title.getAttribute("data-untitled");
  }

  function renumber(name) {
    rowsOf(name).forEach(function (row, i) {
      var order = row.querySelector(".kit-order");
      if (order) order.value = i + 1;
    });
  }

  function addRow(name) {
    var template = document.getElementById(name + "-template");
    var total = document.getElementById("id_" + name + "-TOTAL_FORMS");
    var box = document.querySelector('.kit-rows[data-formset="' + name + '"]');
    if (!template || !total || !box) return;
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    box.appendChild(row);
    total.value = index + 1;
    renumber(name);
    if (name === "dimensions") {
      var weight = row.querySelector(".kit-weight-input");
      if (weight && weight.value === "") weight.value = "0";
    }
    syncChoices();
    updateTotal();
    var first = row.querySelector("input:not([type=hidden]):not([type=checkbox]), textarea, select");
    if (first) first.focus();
  }

  function move(row, direction) {
    var box = row.parentElement;
    if (direction === "up" && row.previousElementSibling) {
      box.insertBefore(row, row.previousElementSibling);
    } else if (direction === "down" && row.nextElementSibling) {
      box.insertBefore(row.nextElementSibling, row);
    } else {
      return;
    }
    renumber(box.getAttribute("data-formset"));
    var button = row.querySelector('[data-move="' + direction + '"]');
    if (button) button.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.kit-editor");
    if (!form) return;
    var changed = false;
    form.addEventListener("input", function (event) {
      var target = event.target;
      if (target.classList.contains("kit-weight-input")) updateTotal();
      if (target.name && /-name$/.test(target.name)) {
        updateTitle(target);
        if (/^dimensions-/.test(target.name)) syncChoices();
      }
    });
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target.classList.contains("kit-delete")) {
        var row = target.closest("[data-row]");
        row.classList.toggle("is-removed", target.checked);
        updateTotal();
        syncChoices();
      }
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-move]");
      if (button) {
        event.preventDefault();
        move(button.closest("[data-row]"), button.getAttribute("data-move"));
      }
    });
    document.querySelectorAll("button[data-add-row]").forEach(function (button) {
      button.addEventListener("click", function () {
        addRow(button.getAttribute("data-add-row"));
        changed = true;
      });
    });
    // Confirming confirms the kit as saved: with unsaved changes, say so instead of losing them.
    form.addEventListener("input", function () { changed = true; });
    form.addEventListener("change", function () { changed = true; });
    var confirmForm = document.querySelector("form[data-confirm-kit]");
    if (confirmForm) {
      confirmForm.addEventListener("submit", function (event) {
        if (!changed) return;
        event.preventDefault();
        var note = document.getElementById("confirm-unsaved");
        note.hidden = false;
        note.focus();
      });
    }
    updateTotal();
  });
})();
