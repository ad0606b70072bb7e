// Exports page: "Tick all" / "Untick all" buttons for the candidate checkboxes.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-export-select]");
  if (!button) return;
  const checked = button.dataset.exportSelect === "all";
  document
    .querySelectorAll('.export-form input[type="checkbox"][name="candidates"]')
    .forEach((box) => {
      box.checked = checked;
    });
});
