// Projects: a card per project with its title, shots, length and spending; a new one from an idea or a template.
import { api } from "./api.js";
import { element, money, showError } from "./app.js";
import { t } from "./i18n.js";
import { newProjectPanel } from "./newproject.js";

export async function renderProjects(view) {
  const projects = await api.projects();
  const cards = projects.map((p) =>
    element("a", { class: "project", href: `#/p/${encodeURIComponent(p.id)}` },
      element("h2", { text: p.title }),
      element("div", { class: "muted", text: `${p.shots} ${t("shots")} · ${Math.round(p.seconds)} s · ${p.aspect}` }),
      element("div", { class: "muted", text: `${t("spent")}: ${money(p.spent)}${p.budgetCap ? ` / ${t("budget")} ${money([p.budgetCap])}` : ""}` })));
  view.replaceChildren(element("h1", { text: t("projects") }),
    cards.length ? element("div", { class: "projects" }, cards) : element("p", { class: "muted", text: t("noProjects") }),
    // A broken user template must not hide the projects: the panel is left out and says why.
    await newProjectPanel().catch((error) => showError(error)));
}
