// Agenda drag and drop (the ↑/↓ buttons are the keyboard way), print, and attendance helpers.
(() => {
  const table = document.getElementById("agenda-table");
  if (table) {
    let dragged = null;
    table.addEventListener("dragstart", (e) => { dragged = e.target.closest("tr"); dragged.classList.add("dragging"); });
    table.addEventListener("dragend", () => dragged && dragged.classList.remove("dragging"));
    table.addEventListener("dragover", (e) => {
      e.preventDefault();
      const row = e.target.closest("tr[data-item-id]");
      if (!row || row === dragged) return;
      const after = e.clientY > row.getBoundingClientRect().top + row.offsetHeight / 2;
      row.parentNode.insertBefore(dragged, after ? row.nextSibling : row);
    });
    table.addEventListener("drop", async (e) => {
      e.preventDefault();
      const body = new URLSearchParams();
      table.querySelectorAll("tr[data-item-id]").forEach((r) => body.append("item_ids", r.dataset.itemId));
      body.append("csrf_token", document.querySelector("input[name=csrf_token]").value);
      const answer = await fetch(table.dataset.orderUrl, { method: "POST", body });
      if (!answer.ok) window.alert(document.documentElement.lang === "vi" ? "Không lưu được thứ tự." : "The order was not saved.");
      window.location.reload();
    });
  }
  document.querySelectorAll("[data-print]").forEach((b) => b.addEventListener("click", () => window.print()));
  // The counter and the quorum follow the boxes as they are ticked (saved on "Save").
  const quorum = document.getElementById("quorum");
  const recount = () => {
    if (!quorum) return;
    const present = document.querySelectorAll(".roll-choice[value='present']:checked").length;
    const met = present >= Number(quorum.dataset.required);
    document.getElementById("present-count").textContent = String(present);
    document.getElementById("quorum-state").textContent = met ? quorum.dataset.met : quorum.dataset.unmet;
    quorum.classList.toggle("ok", met);
    quorum.classList.toggle("no", !met);
  };
  document.querySelectorAll(".roll-choice").forEach((r) => r.addEventListener("change", recount));
  document.querySelectorAll("[data-mark-all]").forEach((b) => b.addEventListener("click", () => {
    const rows = new Set([...document.querySelectorAll(".roll-choice")].map((r) => r.name));
    rows.forEach((name) => {
      if (!document.querySelector(`input[name="${name}"]:checked`)) {
        document.querySelector(`input[name="${name}"][value="${b.dataset.markAll}"]`).checked = true;
      }
    });
    recount();
  }));
})();
