// The web studio: a hash router over four views (projects, a board, a shot, the cast). State comes from the API; every label
// from i18n.js.
import { ApiError, OfflineError, api, setCSRF } from "./api.js";
import { language, setLanguage, t } from "./i18n.js";
import { renderProjects } from "./projects.js";
import { renderBoard } from "./board.js";
import { renderShot } from "./shot.js";
import { renderCast } from "./cast.js";

const view = document.getElementById("view");
const crumbs = document.getElementById("crumbs");
const banner = document.getElementById("banner");
const languageButton = document.getElementById("language");
const who = document.getElementById("who");

let session = { accounts: false };

/** May the person here do what needs `role`? In a studio without accounts, everyone may. */
export function may(role) {
  const order = ["viewer", "reviewer", "editor", "owner"];
  return !session.accounts || order.indexOf(session.role) >= order.indexOf(role);
}

/** Who is signed in, in the bar, with a way out; nothing in a studio without accounts. */
async function showWho() {
  session = await api.session();
  setCSRF(session.csrf);
  who.replaceChildren();
  if (session.accounts && session.user) {
    who.append(element("span", { text: `${session.user} · ${t(`role_${session.role}`)} ` }),
      element("button", { type: "button", class: "link", text: t("signOut"), onclick: async () => {
        await api.signOut();
        setCSRF(null);
        location.hash = "#/";
        route();
      } }));
  }
  return session;
}

/** The sign-in form, when the studio has accounts and this browser is not signed in. */
function renderSignIn(view) {
  const status = element("div", { role: "status" });
  const form = element("form", { class: "sign-in" },
    element("h1", { text: t("signIn_title") }),
    element("label", {}, t("signIn_name"), element("input", { name: "name", autocomplete: "username", required: true })),
    element("label", {}, t("signIn_password"), element("input", { name: "password", type: "password", autocomplete: "current-password", required: true })),
    element("button", { type: "submit", class: "primary", text: t("signIn") }), status,
    element("p", { class: "muted", text: t("signIn_help") }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      const session = await api.signIn(data.get("name"), data.get("password"));
      setCSRF(session.csrf);
      await route();
    } catch (error) {
      const wait = error.problem && error.problem.status === 429 ? error.problem.retryAfter : null;
      status.replaceChildren(wait ? element("div", { class: "problem", role: "alert" }, element("strong", { text: t("signIn_wait", { n: wait }) }))
        : showError(error));
    }
  });
  view.replaceChildren(form);
  form.querySelector("input").focus();
}

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

export function money(amounts) {
  return amounts && amounts.length ? amounts.map((m) => `${m.currency === "USD" ? "$" : m.currency + " "}${(m.micros / 1e6).toFixed(2)}`).join(" + ") : t("nothing");
}

export function showError(error) {
  const problem = error.problem || { detail: String(error.message || error) };
  // Signed out meanwhile: the page asks to sign in again.
  if (problem.status === 401) setTimeout(() => route(), 0);
  return element("div", { class: "problem", role: "alert" },
    element("strong", { text: problem.detail }), problem.hint ? element("div", { text: problem.hint }) : null);
}

let retry;
let live = null;

/**
 * The live view: one EventSource per open project. A `changed` event (a pick or a note from
 * another browser, a take a terminal run finished) re-renders the page — unless the user is in
 * the middle of typing, then a banner offers the refresh. A lost connection shows the offline
 * banner; EventSource reconnects by itself and resumes from the last token it saw.
 */
function watch(project) {
  if (live && live.project === project) return;
  if (live) live.source.close();
  live = null;
  // `?live=0` turns it off (a page snapshot: an open stream never lets a headless browser settle).
  if (!project || typeof EventSource === "undefined" || new URLSearchParams(location.search).get("live") === "0") return;
  const source = new EventSource(`/api/projects/${encodeURIComponent(project)}/events`);
  live = { project, source };
  source.addEventListener("changed", () => {
    // Someone typing, or watching a take, is not interrupted.
    const busy = (document.activeElement && document.activeElement.closest("form"))
      || document.querySelector(".note-form")
      || [...document.querySelectorAll("video")].some((v) => !v.paused);
    if (busy) {
      banner.dataset.kind = "changed";
      banner.replaceChildren(t("changedElsewhere"), " ", element("button", { type: "button", text: t("refresh"), onclick: () => route() }));
      banner.hidden = false;
    } else {
      route({ quiet: true });
    }
  });
  source.addEventListener("open", () => { if (banner.dataset.kind === "offline") banner.hidden = true; });
  source.addEventListener("error", () => {
    // Closed for good (refused: signed out, the session ended): draw the page again, which
    // signs in first if it must, and opens a new stream.
    if (source.readyState === EventSource.CLOSED) {
      live = null;
      route({ quiet: true });
      return;
    }
    banner.textContent = t("offline");
    banner.dataset.kind = "offline";
    banner.hidden = false;
  });
}

// One render at a time: a render asked for while one is drawing runs once after it, so the
// last one drawn is of the newest state (live events can come faster than a page draws).
let drawing = null;
let again = null;

/** Draws the page again in place (after a change this page made). */
export function refresh() { return route({ quiet: true }); }

async function route(options = {}) {
  if (drawing) {
    again = again ? { quiet: again.quiet && options.quiet } : options;
    return drawing;
  }
  drawing = draw(options);
  try {
    await drawing;
  } finally {
    drawing = null;
  }
  if (again) {
    const next = again;
    again = null;
    await route(next);
  }
}

async function draw(options = {}) {
  clearTimeout(retry);
  const scroll = options.quiet ? window.scrollY : 0;
  languageButton.textContent = t("language");
  crumbs.replaceChildren();
  try {
    const session = await showWho();
    if (session.accounts && !session.user) {
      watch(null);
      renderSignIn(view);
      document.body.dataset.ready = "true";
      return;
    }
    const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
    watch(parts[0] === "p" ? parts[1] : null);
    if (parts[0] === "p" && parts[1] && parts[2] === "s" && parts[3]) {
      crumbs.append(element("a", { href: `#/p/${encodeURIComponent(parts[1])}`, text: parts[1] }), " / ", parts[3]);
      await renderShot(view, parts[1], parts[3]);
    } else if (parts[0] === "p" && parts[1] && parts[2] === "cast") {
      crumbs.append(element("a", { href: `#/p/${encodeURIComponent(parts[1])}`, text: parts[1] }), " / ", t("cast"));
      await renderCast(view, parts[1]);
    } else if (parts[0] === "p" && parts[1]) {
      crumbs.append(element("span", { text: parts[1] }));
      await renderBoard(view, parts[1]);
    } else {
      await renderProjects(view);
    }
    banner.hidden = true;
    if (options.quiet) window.scrollTo(0, scroll);
  } catch (error) {
    if (error instanceof OfflineError) {
      banner.textContent = t("offline");
      banner.hidden = false;
      retry = setTimeout(route, 3000);
    } else if (error instanceof ApiError && error.problem.status === 401) {
      // Signed out elsewhere (or the session ended): sign in again.
      setCSRF(null);
      watch(null);
      renderSignIn(view);
    } else {
      view.replaceChildren(showError(error));
    }
  }
  document.body.dataset.ready = "true";
  // When the first page was drawn and its handlers set: what the studio benchmark times.
  if (!performance.getEntriesByName("reel:ready").length) performance.mark("reel:ready");
}

languageButton.addEventListener("click", () => {
  setLanguage(language() === "zh" ? "en" : "zh");
  route({ quiet: true });
});
setLanguage(language());
window.addEventListener("hashchange", () => route());
route();
