// The session's screens follow it without reloading. The server tells them when the
// session's version moves (server-sent events, `events`); where that cannot be had (no
// EventSource, the server refuses or keeps failing) they ask the version every second or so
// instead (`state?since=`, one small query when nothing changed) and try the stream again a
// few minutes later. On a change each [data-live-src] part is fetched again; a part holding
// the focus (the chair typing a count) is left alone and tried again shortly. Timers
// ([data-timer-elapsed]) tick here, from the seconds the server gave.
// #live-root[data-live-transport] says which way the page follows: "sse" or "poll".
(() => {
  const root = document.getElementById("live-root");
  if (!root) return;
  let version = root.dataset.liveVersion || "";
  const every = Number(root.dataset.liveInterval || 1500);
  const streamAgain = 3 * 60 * 1000; // polling: try the stream again after three minutes
  const maxErrors = 3; // failures in a row without the stream opening: poll instead
  let transport = "";
  let pollTimer = 0;

  function use(how) {
    transport = how;
    if (how === "poll") root.dataset.liveTransport = how; // "sse" once the stream is open
  }

  function holdsFocus(part) {
    return part.contains(document.activeElement) && document.activeElement !== document.body;
  }

  async function refresh(part) {
    if (holdsFocus(part)) return false;
    const answer = await fetch(part.dataset.liveSrc, { credentials: "same-origin", cache: "no-store" });
    if (!answer.ok) return false;
    const html = await answer.text();
    if (holdsFocus(part)) return false; // taken in hand while the part was on its way
    part.innerHTML = html;
    if (window.htmx) window.htmx.process(part);
    return true;
  }

  // The session moved: fetch every part again, one round at a time. Returns whether every
  // part was done; on a stream, a skipped part is tried again shortly (no new event may come).
  let busy = false;
  let queued = null;
  let again = 0;
  async function changed(state) {
    if (busy) {
      queued = state;
      return false;
    }
    busy = true;
    window.clearTimeout(again);
    let done = false;
    try {
      const parts = [...document.querySelectorAll("[data-live-src]")];
      done = (await Promise.all(parts.map(refresh))).every(Boolean);
    } catch (error) { /* offline for a moment */ }
    busy = false;
    if (done) version = state.version;
    document.dispatchEvent(new CustomEvent("live:state", { detail: state }));
    if (queued) {
      const next = queued;
      queued = null;
      return changed(next);
    }
    if (!done && transport === "sse") again = window.setTimeout(() => changed(state), every);
    return done;
  }

  // One polling loop at a time: a loop started earlier stops when another starts.
  let loop = 0;
  async function poll(mine) {
    if (transport !== "poll" || mine !== loop) return;
    try {
      const url = `${root.dataset.liveState}?since=${encodeURIComponent(version)}`;
      const answer = await fetch(url, { credentials: "same-origin", cache: "no-store" });
      if (answer.ok) {
        const state = await answer.json();
        if (state.changed) await changed(state); // a skipped part: asked again next time
      }
    } catch (error) { /* offline for a moment: try again */ }
    if (transport === "poll" && mine === loop) {
      pollTimer = window.setTimeout(() => poll(mine), document.hidden ? every * 4 : every);
    }
  }

  function polling() {
    use("poll");
    window.clearTimeout(pollTimer);
    loop += 1;
    const mine = loop;
    pollTimer = window.setTimeout(() => poll(mine), every);
  }

  function stream() {
    if (!window.EventSource || !root.dataset.liveEvents) {
      polling();
      return;
    }
    use("sse");
    window.clearTimeout(pollTimer);
    // On reconnecting, the browser sends the last event's id (Last-Event-ID): it wins.
    const source = new EventSource(`${root.dataset.liveEvents}?since=${encodeURIComponent(version)}`);
    let errors = 0;
    source.addEventListener("open", () => {
      errors = 0;
      root.dataset.liveTransport = "sse";
    });
    source.addEventListener("state", (event) => {
      try {
        changed(JSON.parse(event.data));
      } catch (error) { /* not ours: ignore */ }
    });
    source.addEventListener("error", () => {
      // A stream the server ended on purpose reconnects by itself. Refused (503: the
      // server's streams are full; signed out; gone) or failing again and again: poll.
      errors += 1;
      if (source.readyState !== EventSource.CLOSED && errors < maxErrors) return;
      source.close();
      polling();
      window.setTimeout(stream, streamAgain);
    });
  }
  stream();

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
