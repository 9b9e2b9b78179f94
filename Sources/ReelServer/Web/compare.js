// Compare: two to four takes of a shot side by side, played and scrubbed together, stepped a
// frame at a time, or two of them as an A/B wipe. Under each: its check with its problems on a
// little timeline, what the critic said, its cost. Keys: 1–4 pick, space plays, ←/→ step a
// frame, Esc closes.
import { api } from "./api.js";
import { element, money, showError } from "./app.js";
import { t } from "./i18n.js";

function seconds(time) { return time ? time.value / time.timescale : 0; }

/** The problems of a take's check as marks on a bar as long as the take. */
function problemBar(take, length) {
  const problems = take.verdict ? take.verdict.problems : [];
  return element("div", { class: "problem-bar", "data-problems": String(problems.length) }, problems.map((p) => {
    const start = seconds(p.range && p.range.start), span = seconds(p.range && p.range.duration);
    const left = length ? Math.min(100, (start / length) * 100) : 0;
    const width = length ? Math.max(1, Math.min(100 - left, (span / length) * 100)) : 100;
    return element("span", { title: p.summary, style: `left:${left}%;width:${width}%` });
  }));
}

/**
 * Opens the comparison of `takes` (finished takes of `shot`, with media) over the page.
 * `picked(report)` gets the shot's report after a pick made here.
 */
export function openCompare(project, shot, takes, frameRate, picked) {
  const frame = 1 / (frameRate || 24);
  const length = Math.max(...takes.map((x) => x.seconds || 0), 0.1);
  const videos = takes.map((x) => element("video", { src: api.media(project, x.media), muted: true, preload: "auto",
                                                     playsinline: true, "data-take": x.take }));
  const lead = videos[0];
  const stage = element("div", { class: "stage" }, videos.map((v, i) => element("div", { class: "slot" }, v,
    element("span", { class: "slot-key", text: String(i + 1) }))));
  const clock = element("span", { class: "clock", text: "0.00 s" });
  const scrub = element("input", { type: "range", class: "scrub", min: "0", max: "1000", value: "0", "aria-label": t("compare_scrub") });
  const status = element("span", { class: "status", role: "status" });

  const show = (time) => {
    clock.textContent = `${time.toFixed(2)} s`;
    scrub.value = String(Math.round((time / length) * 1000));
  };
  const seek = (time) => {
    const at = Math.max(0, Math.min(length, time));
    for (const v of videos) v.currentTime = Math.min(at, Number.isFinite(v.duration) ? v.duration : at);
    show(at);
  };
  const pause = () => { for (const v of videos) v.pause(); play.textContent = t("compare_play"); };
  const play = element("button", { type: "button", "data-action": "play", text: t("compare_play"), onclick: () => {
    if (!lead.paused) return pause();
    // Together from where the first one is; a take that ended waits on its last frame.
    seek(lead.currentTime >= length - frame ? 0 : lead.currentTime);
    for (const v of videos) v.play().catch(() => {});
    play.textContent = t("compare_pause");
  } });
  // The first take leads: the others follow it when they drift by more than a frame.
  lead.addEventListener("timeupdate", () => {
    show(lead.currentTime);
    for (const v of videos.slice(1)) if (!v.paused && Math.abs(v.currentTime - lead.currentTime) > 1.5 * frame) v.currentTime = lead.currentTime;
  });
  lead.addEventListener("ended", pause);
  scrub.addEventListener("input", () => { pause(); seek((Number(scrub.value) / 1000) * length); });
  const step = (n) => { pause(); seek(lead.currentTime + n * frame); };

  // A/B wipe for two: the second over the first, cut at the line the slider sets.
  const wipe = element("input", { type: "range", class: "wipe-at", min: "0", max: "100", value: "50", "aria-label": t("compare_wipe_at") });
  const setWipe = () => { videos[1].style.clipPath = `inset(0 0 0 ${wipe.value}%)`; };
  wipe.addEventListener("input", setWipe);
  const wipeButton = takes.length === 2 ? element("button", { type: "button", "data-action": "wipe", text: t("compare_wipe"), onclick: () => {
    const on = stage.classList.toggle("wipe");
    wipe.hidden = !on;
    wipeButton.textContent = on ? t("compare_side_by_side") : t("compare_wipe");
    if (on) setWipe(); else videos[1].style.clipPath = "";
  } }) : null;
  wipe.hidden = true;

  const choose = async (i) => {
    const take = takes[i];
    if (!take) return;
    try {
      const report = await api.pick(project, shot, { take: take.number });
      close();
      picked(report);
    } catch (error) {
      status.replaceChildren(showError(error));
    }
  };
  const facts = element("div", { class: "compare-facts" }, takes.map((x, i) => element("div", { class: "fact", "data-take": x.take },
    element("div", {}, element("b", { text: `${i + 1} · #${x.number}` }), ` ${x.provider}/${x.model} · ${money(x.cost ? [x.cost] : [])}`),
    x.verdict ? element("div", { class: x.verdict.passed ? "verdict ok" : "verdict bad", text: x.verdict.passed ? t("check_passed") : t("check_failed") }) : null,
    problemBar(x, length),
    x.critique ? element("div", { class: "critique", text: t("critic", x.critique) }) : null,
    element("button", { type: "button", "data-action": "pick", class: x.picked ? "picked" : "", disabled: x.picked,
                        text: x.picked ? t("picked") : t("compare_pick", { n: i + 1 }), onclick: () => choose(i) }))));

  const keys = (event) => {
    if (event.target instanceof HTMLInputElement && event.target.type !== "range") return;
    if (event.key === "Escape") close();
    else if (event.key === " ") { event.preventDefault(); play.click(); }
    else if (event.key === "ArrowRight") { event.preventDefault(); step(1); }
    else if (event.key === "ArrowLeft") { event.preventDefault(); step(-1); }
    else if (/^[1-4]$/.test(event.key)) choose(Number(event.key) - 1);
  };
  const panel = element("div", { class: "compare", role: "dialog", "aria-label": t("compare"), "data-count": String(takes.length) },
    element("div", { class: "compare-head" }, element("b", { text: `${t("compare")} · ${shot}` }),
      element("button", { type: "button", "data-action": "close", text: t("compare_close"), onclick: () => close() })),
    stage,
    element("div", { class: "controls" }, play,
      element("button", { type: "button", "data-action": "back", text: "◀ 1", title: t("compare_frame_back"), onclick: () => step(-1) }),
      element("button", { type: "button", "data-action": "forward", text: "1 ▶", title: t("compare_frame_forward"), onclick: () => step(1) }),
      scrub, clock, wipeButton, wipe),
    facts, status,
    element("p", { class: "muted", text: t("compare_keys") }));
  function close() {
    pause();
    document.removeEventListener("keydown", keys);
    panel.remove();
  }
  document.addEventListener("keydown", keys);
  document.body.append(panel);
  return panel;
}
