// The console's − / + buttons beside each count; no inline scripts (CSP script-src 'self').
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.step");
  if (!button) return;
  const input = document.getElementById(button.dataset.for);
  if (!input) return;
  const max = input.max === "" ? Infinity : Number(input.max);
  const next = (Number(input.value) || 0) + Number(button.dataset.step);
  input.value = String(Math.max(0, Math.min(max, next)));
});
