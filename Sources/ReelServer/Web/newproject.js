// A new project from the projects page: from an idea (the server's language model drafts the
// screenplay) or from a template (offline), the same use case as `reel new`.
import { api } from "./api.js";
import { element, showError } from "./app.js";
import { language, t } from "./i18n.js";

const choice = (name, options, selected) =>
  element("select", { name }, options.map(([value, label]) =>
    element("option", { value, selected: value === selected, text: label })));

function formatFields() {
  return element("div", { class: "row" },
    element("label", {}, t("new_aspect"), choice("aspect", [["9:16", "9:16"], ["16:9", "16:9"], ["1:1", "1:1"]], "9:16")),
    element("label", {}, t("new_language"), choice("language", [["", t("new_language_auto")], ["zh", "中文"], ["en", "English"]], "")));
}

async function submit(form, body, status) {
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  status.replaceChildren(element("span", { class: "muted", text: body.idea ? t("new_writing") : t("new_making") }));
  try {
    const made = await api.newProject(body);
    location.hash = `#/p/${encodeURIComponent(made.project)}`;
  } catch (error) {
    status.replaceChildren(showError(error));
    button.disabled = false;
  }
}

function ideaForm() {
  const status = element("div", { class: "status" });
  const form = element("form", { class: "new-idea" },
    element("textarea", { name: "idea", rows: 3, required: true, placeholder: t("new_idea_placeholder") }),
    element("div", { class: "row" },
      element("label", {}, t("new_length"), choice("seconds", [["30", "30 s"], ["60", "60 s"], ["90", "90 s"], ["120", "120 s"]], "60"))),
    formatFields(),
    element("button", { type: "submit", class: "primary", text: t("new_draft") }),
    element("p", { class: "muted", text: t("new_draft_note") }), status);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    submit(form, { idea: data.get("idea"), seconds: Number(data.get("seconds")), aspect: data.get("aspect"),
                   language: data.get("language") || undefined }, status);
  });
  return form;
}

function templateForm(templates) {
  const status = element("div", { class: "status" });
  const blanks = element("div", { class: "blanks" });
  const select = choice("template", templates.map((x) => [x.name, `${x.genre} — ${x.summary}`]), templates[0]?.name);
  const showBlanks = () => {
    const template = templates.find((x) => x.name === select.value);
    blanks.replaceChildren(...(template ? template.blanks : []).map((b) =>
      element("label", {}, b.ask, element("input", { name: `blank:${b.name}`, placeholder: b.example }))));
  };
  select.addEventListener("change", showBlanks);
  showBlanks();
  const form = element("form", { class: "new-template" }, select, blanks, formatFields(),
    element("button", { type: "submit", class: "primary", text: t("new_from_template") }),
    element("p", { class: "muted", text: t("new_template_note") }), status);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const values = {};
    for (const [key, value] of data.entries()) if (key.startsWith("blank:") && value.trim()) values[key.slice(6)] = value.trim();
    submit(form, { template: data.get("template"), values, aspect: data.get("aspect"),
                   language: data.get("language") || undefined }, status);
  });
  return form;
}

/** The "new project" panel: two tabs, an idea and a template. */
export async function newProjectPanel() {
  const templates = await api.templates(language());
  const body = element("div", { class: "new-body" });
  const tabs = [["idea", t("new_from_idea_tab"), ideaForm], ["template", t("new_from_template_tab"), () => templateForm(templates)]];
  const buttons = tabs.map(([key, label, make]) => {
    const button = element("button", { type: "button", class: "tab", "data-tab": key, text: label, onclick: () => {
      for (const b of buttons) b.classList.toggle("active", b === button);
      body.replaceChildren(make());
    } });
    return button;
  });
  buttons[0].classList.add("active");
  body.replaceChildren(ideaForm());
  return element("section", { class: "new-project" }, element("h2", { text: t("new_project") }),
    element("div", { class: "tabs" }, buttons), body);
}
