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
