// Making takes from the browser: the estimate on the button before anything is spent, then
// the run panel — progress, what it has cost against the budget, failures with their
// reasons, and a resume for takes a stopped server left unfinished. The run goes on in the
// server: closing the page does not stop it.
import { api } from "./api.js";
import { element, money, showError } from "./app.js";
import { t } from "./i18n.js";

/** Takes the estimate would make: jobs to run or resume that are not Reel's own steps (checks, captions). */
function takesIn(estimate) {
  return estimate.jobs.filter((j) => j.forecast !== "reuse" && j.provider !== "reel").length;
}

function budgetLine(panel) {
  return `${t("spent")} ${money(panel.spent)}${panel.budgetCap ? ` / ${t("budget")} ${money([panel.budgetCap])}` : ""}`;
}

/** The run as the panel shows it: a bar of jobs done, the money, and what failed. */
function runView(run) {
  const p = run.progress;
  const label = run.state === "running" ? t("run_running") : run.state === "finished" ? t("run_finished") : t("run_stopped");
  const done = p.total ? `${p.done}/${p.total} ${t("run_jobs")}` : t("run_starting");
  return element("div", { class: `run run-${run.state}`, "data-run": run.id, "data-state": run.state },
    element("div", {}, element("b", { text: `${t("run")} ${run.id} · ${label}` }), ` · ${done} · ${t("run_cost")} ${money(p.spent)}`,
      run.estimate.length ? element("span", { class: "muted", text: ` (${t("run_estimated")} ${money(run.estimate)})` }) : null),
    element("progress", { max: p.total || 1, value: p.total ? p.done : 0 }),
    run.error ? element("div", { class: "problem", text: run.error }) : null,
    p.failures.length
      ? element("ul", { class: "failures" }, p.failures.slice(0, 8).map((f) => element("li", {}, element("b", { text: f.job }), `: ${f.reason}`)))
      : null);
}

/**
 * The generate bar and the run panel for `shots` (every shot when empty). `takesFor` is how
 * many takes each shot should have; `onStarted` re-renders the page with the run going.
 */
export async function runPanel(project, { shots = [], takes = 1, choices = [1, 2, 3, 4], onStarted } = {}) {
  const box = element("section", { class: "generate" });
  const status = element("span", { class: "status", role: "status" });
  const [panel, estimate] = await Promise.all([api.run(project), api.estimate(project, { shots, takes }).catch((error) => ({ error }))]);
  const running = panel.run && panel.run.state === "running";
  let chosen = takes;
  // One shot, one more take: the shot page's button.
  const single = shots.length === 1 && choices.length === 1;
  const button = element("button", { type: "button", class: "primary", "data-action": "generate" });
  const describe = (e) => {
    if (e.error) { button.disabled = true; button.textContent = t("generate"); status.replaceChildren(showError(e.error)); return; }
    const n = takesIn(e);
    button.disabled = running || n === 0;
    if (running) { button.disabled = true; button.textContent = t("generate_busy"); return; }
    const cost = e.estimate.length ? `~${money(e.estimate)}` : t("generate_free");
    button.textContent = n === 0 ? t("generate_nothing") : t(single ? "generate_one" : n === 1 ? "generate_button_one" : "generate_button", { n, cost });
    button.dataset.takes = n;
  };
  describe(estimate);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await api.startRun(project, { shots, takes: chosen });
      if (onStarted) await onStarted();
    } catch (error) {
      status.replaceChildren(showError(error));
      button.disabled = false;
    }
  });
  const count = choices.length > 1 ? element("label", {}, t("generate_takes"),
    element("select", { name: "takes", disabled: running, onchange: async (event) => {
      chosen = Number(event.target.value);
      describe(await api.estimate(project, { shots, takes: chosen }).catch((error) => ({ error })));
    } }, choices.map((n) => element("option", { value: n, selected: n === takes, text: String(n) })))) : null;
  box.append(element("div", { class: "generate-bar" }, count, button, element("span", { class: "muted", text: budgetLine(panel) }), status));
  if (panel.run) box.append(runView(panel.run));
  if (!running && panel.unfinished.length) {
    box.append(element("div", { class: "unfinished" }, t("run_unfinished", { n: panel.unfinished.length }), " ",
      element("button", { type: "button", "data-action": "resume", text: t("run_resume"), onclick: async (event) => {
        event.target.disabled = true;
        try {
          await api.startRun(project, { shots: panel.unfinished, takes: 1 });
          if (onStarted) await onStarted();
        } catch (error) {
          event.target.replaceWith(showError(error));
        }
      } })));
  }
  return box;
}
