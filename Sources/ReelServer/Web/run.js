// Making takes from the browser: the estimate on the button before anything is spent, then
// the run panel — progress, what it has cost against the budget, failures with their
// reasons, and a resume for takes a stopped server left unfinished. The run goes on in the
// server: closing the page does not stop it.
import { api } from "./api.js";
import { element, may, money, refresh, showError } from "./app.js";
import { jobLabel, t } from "./i18n.js";

// Who works on this machine: their jobs cost nothing. Any other provider is paid.
const local = new Set(["animatic", "espeak", "procedural", "ffmpeg", "reel"]);

/** The jobs the estimate would run or resume. */
const toDo = (estimate) => estimate.jobs.filter((j) => j.forecast !== "reuse");

/** Takes the estimate would make: its video jobs (not the panels they start from, their checks or critiques). */
const takesIn = (estimate) => toDo(estimate).filter((j) => j.kind === "video").length;

/** The cost as the button says it: free only when everything runs here; unknown when a paid job has no price. */
function costOf(estimate) {
  const jobs = toDo(estimate);
  if (jobs.every((j) => local.has(j.provider))) return t("generate_free");
  const unpriced = jobs.some((j) => !local.has(j.provider) && !j.estimate);
  if (!estimate.estimate.length) return t("generate_unknown");
  return `~${money(estimate.estimate)}${unpriced ? ` + ${t("generate_unknown")}` : ""}`;
}

function budgetLine(panel) {
  return `${t("spent")} ${money(panel.spent)}${panel.budgetCap ? ` / ${t("budget")} ${money([panel.budgetCap])}` : ""}`;
}

/** The run as the panel shows it: a bar of jobs done, the money, and what failed. */
function runView(run) {
  const p = run.progress;
  const label = { running: t("run_running"), stopping: t("run_stopping"), finished: t("run_finished") }[run.state] || t("run_stopped");
  const done = p.total ? `${p.done}/${p.total} ${t("run_jobs")}` : t("run_starting");
  return element("div", { class: `run run-${run.state}`, "data-run": run.id, "data-state": run.state },
    element("div", {}, element("b", { text: `${t(run.command === "render" ? "run_render" : "run")} ${run.id} · ${label}` }), ` · ${done} · ${t("run_cost")} ${money(p.spent)}`,
      run.estimate.length ? element("span", { class: "muted", text: ` (${t("run_estimated")} ${money(run.estimate)})` }) : null),
    element("progress", { max: p.total || 1, value: p.total ? p.done : 0 }),
    run.error ? element("div", { class: "problem" }, element("strong", { text: run.error }), run.hint ? element("div", { text: run.hint }) : null) : null,
    p.failures.length
      ? element("ul", { class: "failures" }, p.failures.slice(0, 8).map((f) => element("li", {}, element("b", { text: jobLabel(f.job) }), `: ${f.reason}`)))
      : null);
}

/** A run going on can be stopped (by an editor): nothing starts any more; what a provider was already sent is kept for Resume. */
function stopButton(project, run) {
  const said = element("span", { class: "status", role: "status" });
  const button = element("button", { type: "button", "data-action": "stop", text: t("run_stop") });
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await api.stopRun(project);
      await refresh();
    } catch (error) {
      said.replaceChildren(showError(error));
      button.disabled = false;
    }
  });
  return element("div", { class: "run-stop" }, button, " ", element("span", { class: "muted", text: t("run_stop_help") }), said);
}

/** Starts a run, then shows the page again with it going; a refusal is said beside the button. */
async function start(project, body, button, status, send = api.startRun) {
  button.disabled = true;
  try {
    await send(project, body);
    await refresh();
  } catch (error) {
    status.replaceChildren(showError(error));
    button.disabled = false;
  }
}

/**
 * The generate bar and the run panel for `shots` (every shot when empty), asking each to
 * have `takes` takes of its current version (`choices` offers others).
 */
export async function runPanel(project, { shots = [], takes = 1, choices = [1, 2, 3, 4], cut = false } = {}) {
  const box = element("section", { class: "generate" });
  const status = element("span", { class: "status", role: "status" });
  let panel;
  try {
    panel = await api.run(project);
  } catch (error) {
    box.append(showError(error));
    return box;
  }
  const running = panel.run && (panel.run.state === "running" || panel.run.state === "stopping");
  const button = element("button", { type: "button", class: "primary", "data-action": "generate", disabled: true });
  // One shot, one more take: the shot page's button.
  const single = shots.length === 1 && choices.length === 1;
  let chosen = takes;
  // The button says what the chosen number costs, and is enabled only once that estimate is in.
  async function describe() {
    if (running) { button.textContent = t("generate_busy"); return; }
    const asked = chosen;
    button.disabled = true;
    button.textContent = t("generate_estimating");
    let e;
    try {
      e = await api.estimate(project, { shots, takes: asked });
    } catch (error) {
      if (asked === chosen) { button.textContent = t("generate"); status.replaceChildren(showError(error)); }
      return;
    }
    if (asked !== chosen) return;
    const n = takesIn(e);
    button.textContent = n === 0 ? t("generate_nothing")
      : t(single && n === 1 ? "generate_one" : n === 1 ? "generate_button_one" : "generate_button", { n, cost: costOf(e) });
    button.dataset.takes = n;
    button.disabled = n === 0;
  }
  button.addEventListener("click", () => start(project, { shots, takes: chosen }, button, status));
  const count = choices.length > 1 ? element("label", {}, t("generate_takes"),
    element("select", { name: "takes", disabled: running, onchange: (event) => { chosen = Number(event.target.value); describe(); } },
      choices.map((n) => element("option", { value: n, selected: n === takes, text: String(n) })))) : null;
  box.append(element("div", { class: "generate-bar" }, count, button, element("span", { class: "muted", text: budgetLine(panel) }), status));
  if (panel.run) box.append(runView(panel.run));
  if (panel.run && panel.run.state === "running") box.append(stopButton(project, panel.run));
  if (panel.elsewhere) {
    box.append(element("div", { class: "elsewhere muted", "data-elsewhere": "" }, t("run_elsewhere", { who: panel.elsewhere })));
    // Stopped from here as its Ctrl-C would stop it: what it sent to a provider is kept.
    box.append(stopButton(project, null));
  }
  if (!running && panel.unfinished.length) {
    const resume = element("button", { type: "button", "data-action": "resume", text: t("run_resume") });
    const said = element("span", { class: "status" });
    resume.addEventListener("click", () => start(project, { shots: panel.unfinished, resume: true }, resume, said));
    box.append(element("div", { class: "unfinished" }, t("run_unfinished", { n: panel.unfinished.length }), " ", resume, said));
    api.estimate(project, { shots: panel.unfinished, resume: true })
      .then((e) => { resume.textContent = `${t("run_resume")} · ${costOf(e)}`; })
      .catch(() => {});
  }
  await describe();
  if (cut) box.append(cutPanel(project, panel, running));
  // Starting runs and renders is an editor's: others see the state, not the buttons.
  if (!may("editor")) box.querySelectorAll("button[data-action], .exports button").forEach((b) => b.remove());
  return box;
}

const formats = ["otio", "fcpxml", "edl", "srt", "vtt", "jianying", "board"];

/**
 * The cut: the newest film (played here, vertical when it is), rendering it again from the
 * picked takes, and the exports for an editor, each made then downloaded as one file.
 */
function cutPanel(project, panel, running) {
  const status = element("span", { class: "status", role: "status" });
  const film = panel.films[0];
  const render = element("button", { type: "button", "data-action": "render", disabled: running,
    text: film ? t("cut_render_again") : t("cut_render") });
  render.addEventListener("click", () => start(project, {}, render, status, api.render));
  const exports = formats.map((format) => element("button", { type: "button", class: "link", "data-export": format, disabled: running,
    text: t(`export_${format}`), onclick: async (event) => {
      const button = event.target;
      // A Jianying draft names its media where they will be: the drafts folder of the computer that opens it.
      let draftsFolder;
      if (format === "jianying") {
        draftsFolder = prompt(t("export_jianying_folder"), localStorage.getItem("reel.jianyingFolder") || "");
        if (!draftsFolder) return;
        localStorage.setItem("reel.jianyingFolder", draftsFolder);
      }
      button.disabled = true;
      status.replaceChildren(t("export_making", { format: t(`export_${format}`) }));
      try {
        const made = await api.exportCut(project, format, draftsFolder);
        status.replaceChildren(element("a", { href: made.url, download: made.name, text: `${made.name} (${(made.bytes / 1048576).toFixed(1)} MB)` }));
        location.href = made.url;
      } catch (error) {
        status.replaceChildren(showError(error));
      }
      button.disabled = false;
    } }));
  return element("div", { class: "cut" },
    element("h3", { text: t("cut_title") }),
    film ? element("video", { class: "film", controls: true, preload: "metadata", playsinline: true, src: api.download(project, film) }) : element("p", { class: "muted", text: t("cut_none") }),
    element("div", { class: "generate-bar" }, render,
      film ? element("a", { href: api.download(project, film), download: film, text: `${t("cut_download")} ${film}` }) : null),
    element("div", { class: "exports" }, element("span", { class: "muted", text: `${t("export_for")} ` }), ...exports),
    status);
}
