// The session's screens follow it without reloading: ask the state's version every second
// or so (one small query when nothing changed); when it moves, fetch each [data-live-src]
// part again. A part holding the focus (the chair typing a count) is left alone until next
// time. Timers ([data-timer-elapsed]) tick here, from the seconds the server gave.
(() => {
  const root = document.getElementById("live-root");
  if (!root) return;
  let version = root.dataset.liveVersion || "";
  const every = Number(root.dataset.liveInterval || 1500);

  async function refresh(part) {
    if (part.contains(document.activeElement) && document.activeElement !== document.body) return false;
    const answer = await fetch(part.dataset.liveSrc, { credentials: "same-origin", cache: "no-store" });
    if (!answer.ok) return false;
    part.innerHTML = await answer.text();
    if (window.htmx) window.htmx.process(part);
    return true;
  }

  async function poll() {
    try {
      const url = `${root.dataset.liveState}?since=${encodeURIComponent(version)}`;
      const answer = await fetch(url, { credentials: "same-origin", cache: "no-store" });
      if (answer.ok) {
        const state = await answer.json();
        if (state.changed) {
          const parts = [...document.querySelectorAll("[data-live-src]")];
          const done = await Promise.all(parts.map(refresh));
          if (done.every(Boolean)) version = state.version;  // else: try the skipped part again
          document.dispatchEvent(new CustomEvent("live:state", { detail: state }));
        }
      }
    } catch (error) { /* offline for a moment: try again */ }
    window.setTimeout(poll, document.hidden ? every * 4 : every);
  }
  window.setTimeout(poll, every);

  // One start per turn (data-timer-key), kept across refreshes: the timer never jumps back.
  const starts = new Map();
  function tick() {
    document.querySelectorAll("[data-timer-elapsed]").forEach((timer) => {
      const key = timer.dataset.timerKey || timer;
      if (!starts.has(key)) starts.set(key, Date.now() - Number(timer.dataset.timerElapsed) * 1000);
      const seconds = Math.max(0, Math.floor((Date.now() - starts.get(key)) / 1000));
      timer.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    });
  }
  window.setInterval(tick, 1000);
})();
