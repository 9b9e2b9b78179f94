// Projects: a card per project with its title, shots, length and spending; a new one from an idea or a template.
import { api } from "./api.js";
import { element, money, showError } from "./app.js";
import { jobKind, jobLabel, t } from "./i18n.js";
import { newProjectPanel } from "./newproject.js";

export async function renderProjects(view) {
  // A series.yaml that does not read says so above the episodes; it does not hide them.
  const [projects, series] = await Promise.all([api.projects(), api.series().catch((error) => ({ error }))]);
  const cards = projects.map((p) =>
    element("a", { class: "project", href: `#/p/${encodeURIComponent(p.id)}` },
      // An episode of a series is known by its folder too (ep01): two episodes may share a title.
      series ? element("div", { class: "muted", "data-episode": p.id, text: p.id }) : "",
      element("h2", { text: p.title }),
      element("div", { class: "muted", text: `${p.shots} ${t("shots")} · ${Math.round(p.seconds)} s · ${p.aspect}` }),
      element("div", { class: "muted", text: `${t("spent")}: ${money(p.spent)}${p.budgetCap ? ` / ${t("budget")} ${money([p.budgetCap])}` : ""}` })));
  view.replaceChildren(element("h1", { text: series && !series.error ? series.title : t("projects") }),
    series ? (series.error ? showError(series.error) : seriesPanel(series)) : "",
    cards.length ? element("div", { class: "projects" }, cards) : element("p", { class: "muted", text: t("noProjects") }),
    // In a studio on several machines: who is at work, read again every two seconds.
    await workersPanel().catch((error) => showError(error)),
    // A broken user template must not hide the projects: the panel is left out and says why.
    await newProjectPanel().catch((error) => showError(error)));
}

/** A served series: its episodes against the plan, its look and rules, and the bible's cast every episode shares. */
function seriesPanel(series) {
  const planned = series.planned ? t("series_episodes_of", { n: series.episodes.length, planned: series.planned })
    : t("series_episodes", { n: series.episodes.length });
  return element("section", { class: "series", "data-series": series.title },
    element("p", { class: "muted", text: `${t("series")} · ${planned} · ${series.aspect} · ${t("spent")}: ${money(series.spent)}` }),
    series.look ? element("p", {}, element("b", { text: `${t("series_look")}: ` }), series.look) : "",
    ...series.rules.map((rule) => element("p", { class: "muted", text: `${t("series_rule")}: ${rule}` })),
    element("p", {}, element("b", { text: `${t("series_cast")}: ` }),
      series.cast.length ? series.cast.map((m) => `${m.name}${m.references ? ` (${t("series_refs", { n: m.references })})` : ""}`).join(t("list_separator"))
        : t("series_no_cast")));
}

/** The studio's workers and the jobs in their hands; nothing outside a studio database. */
async function workersPanel() {
  const report = await api.workers();
  if (!report.database) return "";
  const panel = element("section", { class: "workers", "data-workers": "" });
  const draw = (report) => {
    const alive = report.workers.filter((w) => w.alive);
    const waiting = Object.values(report.waiting).reduce((a, b) => a + b, 0);
    const rows = report.workers.map((w) =>
      element("div", { class: `worker${w.alive ? "" : " worker-silent"}`, "data-worker": w.name },
        element("div", {},
          element("strong", { text: w.name }),
          element("span", { class: "muted", text: ` ${w.host} · ${w.kinds.length ? w.kinds.map(jobKind).join(t("list_separator")) : t("workers_every_kind")} · ` +
            (w.alive ? t("workers_slots", { busy: w.jobs.length, slots: w.slots }) : t("workers_silent")) }),
          element("span", { class: "muted", text: ` · ${t("workers_done", { done: w.done, failed: w.failed })}` +
            (w.tookOver ? ` · ${t("workers_took_over", { n: w.tookOver })}` : "") })),
        w.jobs.map((job) => element("div", { class: "worker-job" },
          element("span", { text: `${job.title || job.project} · ${jobLabel(job.label)}` }),
          job.progress == null ? "" : element("progress", { max: "1", value: String(job.progress) })))));
    panel.replaceChildren(element("h2", { text: t("workers") }),
      alive.length ? "" : element("p", { class: "muted", text: t("workers_none") }),
      ...rows,
      waiting ? element("p", { class: "muted", text: t("workers_waiting", { n: waiting }) }) : "",
      report.budgets.filter((b) => b.cap).map((b) => element("p", { class: "muted", "data-budget": b.currency,
        text: t("workers_budget", { spent: money([b.spent]), inFlight: money([b.inFlight]), cap: money([b.cap]) }) })));
  };
  draw(report);
  const again = async () => {
    if (!panel.isConnected) return;
    try { draw(await api.workers()); } catch { /* the next look tries again */ }
    setTimeout(again, 2000);
  };
  setTimeout(again, 2000);
  return panel;
}
