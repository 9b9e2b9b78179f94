// The storyboard grid: scenes as rows, a card per shot with its keyframe or take, framing
// chips, first line, state and cost. Vertical projects show 9:16 cards.
import { api } from "./api.js";
import { element, money } from "./app.js";
import { t } from "./i18n.js";
import { runPanel } from "./run.js";

const stateKey = { "no-take": "state_noTake", generating: "state_generating", ready: "state_ready", failed: "state_failed", "qc-failed": "state_qcFailed", picked: "state_picked" };

// The cut's take first, then the keyframe (picked, else the newest candidate), else the words.
function picture(project, card) {
  if (card.clip) return element("video", { src: api.media(project, card.clip), muted: true, preload: "metadata", playsinline: true });
  if (card.still) return element("img", { src: api.media(project, card.still), alt: card.id, loading: "lazy" });
  return element("div", { class: "placeholder", text: card.action || card.line || card.id });
}

export async function renderBoard(view, project) {
  const [board, generate] = await Promise.all([api.board(project),
    runPanel(project, { takes: 1, cut: true })]);
  document.body.dataset.aspect = board.aspect;
  const rows = board.rows.map((row) =>
    element("section", { class: "scene" },
      element("h2", { text: row.heading }),
      element("div", { class: "cards" }, row.cards.map((card) =>
        element("a", { class: `card state-${card.state}`, href: `#/p/${encodeURIComponent(project)}/s/${encodeURIComponent(card.id)}`, "data-shot": card.id },
          element("div", { class: "frame" }, picture(project, card)),
          element("div", { class: "chips" },
            element("b", { text: card.id }), element("span", { text: card.size }),
            element("span", { text: card.move }), element("span", { text: `${card.seconds.toFixed(1)}s` })),
          card.line ? element("div", { class: "line", text: card.line }) : null,
          element("div", { class: "foot" },
            element("span", { class: "badge", text: t(stateKey[card.state] || card.state) }),
            element("span", { class: "muted", text: money(card.spent) })))))));
  view.replaceChildren(
    element("h1", { text: board.title }),
    element("a", { class: "back", href: `#/p/${encodeURIComponent(project)}/cast`, text: t("cast_link") }),
    element("p", { class: "muted", text: `${board.rows.reduce((n, r) => n + r.cards.length, 0)} ${t("shots")} · ${board.seconds.toFixed(1)} s · ${board.width}×${board.height} · ${t("spent")} ${money(board.spent)}` }),
    generate,
    ...rows);
}
