// The web studio: a hash router over three views. State comes from the API; every label
// from i18n.js.
import { OfflineError } from "./api.js";
import { language, setLanguage, t } from "./i18n.js";
import { renderProjects } from "./projects.js";
import { renderBoard } from "./board.js";
import { renderShot } from "./shot.js";

const view = document.getElementById("view");
const crumbs = document.getElementById("crumbs");
const banner = document.getElementById("banner");
const languageButton = document.getElementById("language");

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
  return element("div", { class: "problem", role: "alert" },
    element("strong", { text: problem.detail }), problem.hint ? element("div", { text: problem.hint }) : null);
}

let retry;

async function route() {
  clearTimeout(retry);
  languageButton.textContent = t("language");
  crumbs.replaceChildren();
  try {
    const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
    if (parts[0] === "p" && parts[1] && parts[2] === "s" && parts[3]) {
      crumbs.append(element("a", { href: `#/p/${encodeURIComponent(parts[1])}`, text: parts[1] }), " / ", parts[3]);
      await renderShot(view, parts[1], parts[3]);
    } else if (parts[0] === "p" && parts[1]) {
      crumbs.append(element("span", { text: parts[1] }));
      await renderBoard(view, parts[1]);
    } else {
      await renderProjects(view);
    }
    banner.hidden = true;
  } catch (error) {
    if (error instanceof OfflineError) {
      banner.textContent = t("offline");
      banner.hidden = false;
      retry = setTimeout(route, 3000);
    } else {
      view.replaceChildren(showError(error));
    }
  }
  document.body.dataset.ready = "true";
}

languageButton.addEventListener("click", () => {
  setLanguage(language() === "zh" ? "en" : "zh");
  route();
});
setLanguage(language());
window.addEventListener("hashchange", route);
route();
