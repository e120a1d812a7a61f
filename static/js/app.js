// Ask before destructive actions (forms with data-confirm). No inline scripts: CSP forbids them.
document.addEventListener("submit", (event) => {
  const question = event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
// htmx sends the CSRF token with every request it makes.
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector("input[name=csrf_token]");
  if (token) event.detail.headers["X-CSRFToken"] = token.value;
});
// Date and file inputs that do not depend on the browser's language: a date is typed
// dd/mm/yyyy (the form still sends yyyy-mm-dd), a file button speaks the page's language.
(() => {
  const vi = document.documentElement.lang !== "en";
  const words = vi
    ? { choose: "Chọn tệp…", none: "Chưa chọn tệp", date: "dd/mm/yyyy", bad: "Ghi ngày theo dạng ngày/tháng/năm, ví dụ 03/12/2026." }
    : { choose: "Choose a file…", none: "No file chosen", date: "dd/mm/yyyy", bad: "Write the date as dd/mm/yyyy, e.g. 03/12/2026." };
  document.querySelectorAll("input[type=date]").forEach((input) => {
    const shown = document.createElement("input");
    shown.type = "text";
    shown.className = input.className;
    shown.id = input.id;
    input.id = `${input.id}-iso`;
    shown.placeholder = words.date;
    shown.inputMode = "numeric";
    shown.autocomplete = "off";
    shown.setAttribute("pattern", "\\d{1,2}/\\d{1,2}/\\d{4}");
    const [y, m, d] = (input.value || "").split("-");
    shown.value = d ? `${d}/${m}/${y}` : "";
    shown.addEventListener("input", () => {
      const parts = shown.value.trim().match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
      input.value = parts ? `${parts[3]}-${parts[2].padStart(2, "0")}-${parts[1].padStart(2, "0")}` : "";
      shown.setCustomValidity(shown.value.trim() && !parts ? words.bad : "");
    });
    input.type = "hidden";
    input.after(shown);
  });
  document.querySelectorAll("input[type=file]").forEach((input) => {
    if (input.dataset.localized) return;
    input.dataset.localized = "1";
    input.classList.add("visually-hidden");
    const button = document.createElement("label");
    button.className = "btn btn-outline-secondary btn-sm file-choose";
    button.htmlFor = input.id || (input.id = `file-${Math.random().toString(36).slice(2)}`);
    button.textContent = words.choose;
    const name = document.createElement("span");
    name.className = "small text-muted file-name";
    name.textContent = words.none;
    input.addEventListener("change", () => {
      name.textContent = input.files.length ? [...input.files].map((f) => f.name).join(", ") : words.none;
    });
    input.after(button, name);
  });
})();
