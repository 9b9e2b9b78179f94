// Notes on a frame: pause a take, drag a box on the picture, type what should change. Notes
// show as markers on their take's timeline and as a list on the shot; the shot's next takes
// carry the open ones (the server appends them to the prompt).
import { api } from "./api.js";
import { element, showError } from "./app.js";
import { t } from "./i18n.js";

const round = (x) => Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;

/** Lets the user drag a box over `frame` (the element around a take's video); calls `done` with it. */
function drawBox(frame, done) {
  const layer = element("div", { class: "draw", title: t("note_drag") });
  let start = null;
  let box = null;
  // Shares of the picture itself (the video's box), clamped to it: the layer stops above the
  // player's controls, the box is measured on the whole frame.
  const picture = frame.querySelector("video") || frame;
  const point = (event) => {
    const r = picture.getBoundingClientRect();
    return { x: Math.min(1, Math.max(0, (event.clientX - r.left) / r.width)), y: Math.min(1, Math.max(0, (event.clientY - r.top) / r.height)) };
  };
  layer.addEventListener("pointerdown", (event) => {
    start = point(event);
    layer.setPointerCapture(event.pointerId);
    box?.remove();
    box = element("div", { class: "box" });
    layer.append(box);
  });
  layer.addEventListener("pointermove", (event) => {
    if (!start) return;
    const p = point(event);
    const x = round(Math.min(start.x, p.x)), y = round(Math.min(start.y, p.y));
    const width = round(Math.abs(p.x - start.x)), height = round(Math.abs(p.y - start.y));
    Object.assign(box.style, { left: `${x * 100}%`, top: `${y * 100}%`, width: `${width * 100}%`, height: `${height * 100}%` });
    box.dataset.value = JSON.stringify({ x, y, width: Math.min(width, 1 - x), height: Math.min(height, 1 - y) });
  });
  layer.addEventListener("pointerup", () => {
    start = null;
    const value = box?.dataset.value ? JSON.parse(box.dataset.value) : null;
    done(value && value.width > 0.01 && value.height > 0.01 ? value : null);
  });
  frame.append(layer);
  return layer;
}

/** A box drawn on a take's picture: where a note points. */
export function showBox(frame, box, label) {
  frame.querySelectorAll(".box.shown").forEach((b) => b.remove());
  if (!box) return;
  const shown = element("div", { class: "box shown", text: label });
  Object.assign(shown.style, { left: `${box.x * 100}%`, top: `${box.y * 100}%`, width: `${box.width * 100}%`, height: `${box.height * 100}%` });
  frame.append(shown);
}

/** The "note this frame" button of a take and the form it opens. `saved` runs after a note is made. */
export function noteButton(project, shot, take, frame, saved) {
  const video = frame.querySelector("video");
  const button = element("button", { type: "button", class: "note", text: t("note_add") });
  button.addEventListener("click", () => {
    video.pause();
    const at = () => Math.round(video.currentTime * 100) / 100;
    let box = null;
    const layer = drawBox(frame, (b) => { box = b; });
    const text = element("textarea", { name: "text", rows: "2", required: true, placeholder: t("note_placeholder") });
    const status = element("div", { role: "status" });
    const close = () => { layer.remove(); form.replaceWith(button); };
    const form = element("form", { class: "note-form" },
      element("div", { class: "muted", text: t("note_at", { seconds: at().toFixed(2) }) }), text,
      element("div", {}, element("button", { type: "submit", text: t("note_save") }), " ",
        element("button", { type: "button", text: t("cancel"), onclick: close })), status);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        // The frame showing when the note is saved (the player can still be scrubbed).
        await api.note(project, shot, { take: take.number, at: at(), box: box || undefined, text: text.value });
        layer.remove();
        await saved();
      } catch (error) {
        status.replaceChildren(showError(error));
      }
    });
    button.replaceWith(form);
    text.focus();
  });
  return button;
}

/** Markers on a take's timeline, one per note made on it; clicking one goes to its frame. */
export function markers(notes, take, frame) {
  const mine = notes.filter((n) => n.take === take.take && n.at !== undefined && n.at !== null);
  if (!mine.length || !take.seconds) return null;
  const video = frame.querySelector("video");
  return element("div", { class: "markers" }, mine.map((n) =>
    element("button", { type: "button", class: `marker ${n.status}`, title: n.text, style: `left: ${Math.min(100, (n.at / take.seconds) * 100)}%`,
      text: String(n.id), onclick: () => { video.pause(); video.currentTime = n.at; showBox(frame, n.box, String(n.id)); } })));
}

/**
 * The shot's notes as a list: where, what, open, resolved or withdrawn, and which takes
 * carried them. A note that stands can be withdrawn (`saved` redraws the shot afterwards).
 */
export function noteList(notes, project, shot, saved) {
  if (!notes.length) return element("p", { class: "muted", text: t("note_none") });
  return element("ol", { class: "notes" }, notes.map((n) => {
    const status = element("span", { class: "error" });
    const withdraw = n.status === "withdrawn" ? null : element("button", {
      type: "button", class: "link", text: t("note_withdraw"), title: t("note_withdrawHint"),
      onclick: async () => {
        try {
          await api.withdrawNote(project, shot, n.id);
          await saved();
        } catch (error) {
          status.replaceChildren(showError(error));
        }
      },
    });
    return element("li", { class: n.status, value: String(n.id) },
      element("span", { class: "where", text: [n.take, n.at !== undefined && n.at !== null ? `${n.at.toFixed(2)} s` : null].filter(Boolean).join(" · ") }),
      " ", n.text, " ",
      element("span", { class: `badge ${n.status}`, text: t(`note_${n.status}`) }),
      n.answeredBy.length ? element("span", { class: "muted", text: ` ${t("note_carriedBy")} ${n.answeredBy.join(", ")}` }) : null,
      withdraw ? " " : null, withdraw, status);
  }));
}
