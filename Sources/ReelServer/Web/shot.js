// A shot: what it is and what a model is sent, its keyframe candidates and its takes side
// by side (played together), picks, and an edit that a stale copy cannot overwrite.
import { api } from "./api.js";
import { element, money, showError } from "./app.js";
import { t } from "./i18n.js";
import { markers, noteButton, noteList } from "./notes.js";
import { runPanel } from "./run.js";
import { openCompare } from "./compare.js";

const sizes = ["EWS", "WS", "FS", "MS", "MCU", "CU", "ECU"];
const moves = ["static", "push-in", "pull-out", "pan-left", "pan-right", "tilt-up", "tilt-down"];
const modes = ["text", "image", "first-last", "references"];
const effects = ["rain", "wind", "sea", "traffic", "fire", "crickets", "clock", "thunder", "door", "knock", "footsteps", "phone", "glass"];

/** What is heard over the shot: its scene's ambiences and its own spot effects. */
function soundLine(report) {
  const heard = (report.sounds || []).map((x) =>
    `${t(`sound_${x.effect}`)} (${x.ambience ? t("sounds_scene") : t("sounds_at", { s: x.at.toFixed(1) })})`);
  return element("p", { class: "sounds", "data-sounds": (report.sounds || []).map((x) => x.effect).join(",") },
    element("b", { text: `${t("sounds")}: ` }), heard.length ? heard.join(", ") : t("sounds_none"),
    report.edited.includes("sounds") ? element("small", { class: "muted", text: ` (${t("edited")})` }) : null);
}

function select(name, values, current) {
  return element("select", { name }, values.map((v) => element("option", { value: v, selected: v === current, text: v })));
}

function editForm(view, project, report) {
  const s = report.shot;
  // The film's shape for every picture on the page, also when the shot is opened by its address.
  if (report.aspect) document.body.dataset.aspect = report.aspect;
  const status = element("span", { class: "status", role: "status" });
  const seconds = (s.duration.value / s.duration.timescale).toFixed(2);
  const form = element("form", { class: "edit" },
    element("label", {}, t("size"), select("size", sizes, s.size)),
    element("label", {}, t("move"), select("move", moves, s.move)),
    // Any step: a shot's length is whole frames (2.75 s, 4.46 s), which a 0.1 step would hold
    // invalid, and the browser would then refuse to send the form at all.
    element("label", {}, t("duration"), element("input", { name: "duration", type: "number", step: "any", min: "0.5", max: "60", value: seconds })),
    element("label", {}, t("mode"), select("mode", modes, s.mode)),
    element("fieldset", { class: "sounds" }, element("legend", { text: t("sounds_edit") }),
      ...effects.map((effect) => element("label", { class: "chip" },
        element("input", { type: "checkbox", name: "sound", value: effect, checked: (report.shotSounds || []).includes(effect) }),
        ` ${t(`sound_${effect}`)}`)),
      report.edited.includes("sounds") ? element("label", { class: "chip" },
        element("input", { type: "checkbox", name: "sounds_auto", value: "auto" }), ` ${t("sounds_auto")}`) : null),
    element("button", { type: "submit", text: t("save") }), status);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    // Only what changed: a field sent is kept as the user's edit and no longer follows the script.
    const data = new FormData(form);
    const change = {};
    if (data.get("size") !== s.size) change.size = data.get("size");
    if (data.get("move") !== s.move) change.move = data.get("move");
    if (data.get("mode") !== s.mode) change.mode = data.get("mode");
    if (Number(data.get("duration")).toFixed(2) !== seconds) change.duration = Number(data.get("duration"));
    const sounds = data.getAll("sound");
    if (data.get("sounds_auto")) change.sounds = ["auto"];
    else if (sounds.join(",") !== (report.shotSounds || []).join(",")) change.sounds = sounds.length ? sounds : ["none"];
    if (Object.keys(change).length === 0) return;
    try {
      const updated = await api.editShot(project, s.id, change, report.version);
      status.replaceChildren(t("saved"));
      await renderShot(view, project, updated.shot.id, updated);
    } catch (error) {
      status.replaceChildren(showError(error),
        element("button", { type: "button", text: t("reload"), onclick: () => renderShot(view, project, s.id) }));
    }
  });
  return form;
}

/** Pick, or once picked, take it back (the cut chooses again; a keyframe's takes start from the words). */
function pickButton(view, project, shot, body, picked) {
  const act = (call) => async (event) => {
    try {
      await renderShot(view, project, shot, await call());
    } catch (error) {
      event.target.replaceWith(showError(error));
    }
  };
  const pick = element("button", {
    type: "button", class: picked ? "picked" : "", disabled: picked, text: picked ? t("picked") : t("pick"),
    onclick: act(() => api.pick(project, shot, body)),
  });
  if (!picked) return pick;
  const kind = body.keyframe === undefined ? "video" : "keyframe";
  return element("span", { class: "pick" }, pick, element("button", {
    type: "button", class: "link", "data-action": "unpick", text: t("unpick"),
    onclick: act(() => api.unpick(project, shot, kind)),
  }));
}

/** A take: its picture (with the note tools over it), timeline markers, facts and pick. */
function takeCard(view, project, s, x, notes) {
  const frame = element("div", { class: "frame" },
    x.media ? element("video", { src: api.media(project, x.media), controls: true, muted: true, preload: "metadata", playsinline: true }) : null);
  return element("figure", { class: x.picked ? "picked" : "", "data-take": x.take },
    frame,
    x.media ? markers(notes, x, frame) : null,
    element("figcaption", {},
      element("div", {}, element("b", { text: `#${x.number}` }), ` ${x.provider}/${x.model} · ${money(x.cost ? [x.cost] : [])}`),
      x.failure ? element("div", { class: "problem", text: `${x.failureReason}: ${x.failure}` }) : null,
      x.verdict ? element("div", { class: x.verdict.passed ? "verdict ok" : "verdict bad",
        text: x.verdict.passed ? t("check_passed") : `${t("check_failed")}: ${x.verdict.problems.map((p) => p.summary).join("; ")}` }) : null,
      x.critique ? element("div", { class: "critique", "data-critique": String(x.critique.subject + x.critique.prompt + x.critique.artifacts),
        text: `${t("critic", { subject: x.critique.subject, prompt: x.critique.prompt, artifacts: x.critique.artifacts })}`
          + (x.critique.notes.length ? ` — ${x.critique.notes.join(" ")}` : "") },
        x.critique.notes.length ? element("button", { type: "button", class: "link", "data-action": "critic-notes", text: t("take_critic_notes"),
          onclick: async (event) => {
            try {
              await api.notesFromCritic(project, s.id, x.number);
              await renderShot(view, project, s.id);
            } catch (error) {
              event.target.replaceWith(showError(error));
            }
          } }) : null) : null,
      x.notes && x.notes.length ? element("div", { class: "muted", text: `${t("carries_notes")} ${x.notes.join(", ")}` }) : null,
      x.sound ? element("div", { class: "muted", text: t("with_sound") }) : null,
      x.inputs ? madeFrom(project, x.inputs) : null,
      x.likeness && x.likeness.length ? element("div", { class: "muted", text: `${t("likeness_of")} ${x.likeness.join(", ")}` }) : null,
      x.withheld ? element("div", { class: "problem", text: `${t("left_out")}: ${x.withheld}` }) : null,
      x.media ? pickButton(view, project, s.id, { take: x.number }, x.picked) : element("span", { class: "muted", text: x.state }),
      x.media ? element("label", { class: "compare-choice" }, element("input", { type: "checkbox", name: "compare", value: x.take }),
        ` ${t("compare_choose")}`) : null,
      x.media ? noteButton(project, s.id, x, frame, () => renderShot(view, project, s.id)) : null));
}

/** True when a recorded input is one of the shot's keyframes (`S01-02#k2`), not a take's last frame. */
const fromKeyframe = (input) => /#k\d+$/.test(input.take || "");

/** What a take was made from: each keyframe or reference as a thumbnail with its words (a sheet: one per image on it). */
function madeFrom(project, inputs) {
  if (!inputs.length) return element("div", { class: "muted", text: `${t("made_from")} ${t("words_alone")}` });
  return element("div", { class: "inputs", "data-inputs": String(inputs.length) },
    element("span", { class: "muted", text: t("made_from") }),
    ...inputs.map((input) => element("span", { class: "input", title: input.text },
      ...(input.role === "reference" || fromKeyframe(input)
        ? input.media.map((name) => element("img", { src: api.media(project, name), alt: input.text, loading: "lazy" })) : []),
      element("small", { text: input.text }))));
}

/**
 * The shot's graph, left to right: the pictures its takes and keyframes were made from
 * (references, the last frame of a shot it continues, a note's frame), its keyframes, its
 * takes (verdict and critic), and the cut — an edge for every input each recorded, and one
 * from the picked take into the cut. Takes made before Reel recorded inputs stand alone.
 */
function drawGraph(panel, project, report) {
  const nodes = new Map();   // id → element
  const edges = [];          // [from id, to id]
  const columns = [[], [], [], []];
  const add = (column, id, node) => {
    if (nodes.has(id)) return;
    node.dataset.node = id;
    nodes.set(id, node);
    columns[column].push(node);
  };
  const picture = (media, alt) => media ? element("img", { src: api.media(project, media), alt, loading: "lazy" }) : null;
  const linkInputs = (target, inputs) => {
    for (const input of inputs || []) {
      let id;
      if (fromKeyframe(input)) {
        id = `keyframe:${input.take}`;      // a keyframe of this shot: its own node
        // One no longer shown with the shot's stills still stands, in words.
        if (!nodes.has(id)) add(0, id, element("div", { class: "node input" }, element("small", { text: input.text })));
      } else {
        id = `input:${input.text}:${(input.media || []).join(",")}`;
        add(0, id, element("div", { class: "node input" },
          element("div", { class: "pics" }, ...(input.role === "reference" ? (input.media || []).map((m) => picture(m, input.text)) : [])),
          element("small", { text: input.text })));
      }
      edges.push([id, target]);
    }
  };
  for (const k of report.keyframes.filter((k) => k.media)) {
    const id = `keyframe:${k.take}`;
    add(1, id, element("div", { class: `node keyframe${k.picked ? " picked" : ""}` }, picture(k.media, k.take),
      element("small", { text: `#k${k.number}${k.picked ? " ★" : ""}` })));
    linkInputs(id, k.inputs);
  }
  for (const x of report.takes) {
    const id = `take:${x.take}`;
    const verdict = x.verdict ? (x.verdict.passed ? "✓" : "✗") : "";
    add(2, id, element("div", { class: `node take${x.picked ? " picked" : ""}${x.verdict && !x.verdict.passed ? " failed" : ""}` },
      x.media ? element("video", { src: api.media(project, x.media), muted: true, preload: "metadata", playsinline: true }) : null,
      element("small", { text: `#${x.number} ${verdict} ${x.provider}/${x.model}`
        + (x.critique ? ` · ${x.critique.subject}/${x.critique.prompt}/${x.critique.artifacts}` : "") + (x.current ? "" : ` · ${t("graph_old")}`) })));
    linkInputs(id, x.inputs);
    if (x.picked) edges.push([id, "cut"]);
  }
  add(3, "cut", element("div", { class: "node cut" }, element("b", { text: t("graph_cut") })));
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  const grid = element("div", { class: "graph-columns" },
    ...[t("graph_inputs"), t("keyframes"), t("takes"), t("graph_cut")].map((title, i) =>
      element("div", { class: "graph-column" }, element("h3", { text: title }), ...columns[i])));
  panel.replaceChildren(svg, grid);
  // The edges once the nodes have their places: a curve from each input's right side to its user's left.
  const wire = () => {
    // In the panel's own coordinates: it scrolls sideways on a narrow screen.
    const box = panel.getBoundingClientRect();
    const dx = panel.scrollLeft - box.left, dy = panel.scrollTop - box.top;
    svg.setAttribute("width", String(panel.scrollWidth));
    svg.setAttribute("height", String(panel.scrollHeight));
    const drawn = edges.filter(([a, b]) => nodes.has(a) && nodes.has(b));
    panel.dataset.edges = String(drawn.length);
    svg.replaceChildren(...drawn.map(([a, b]) => {
      const from = nodes.get(a).getBoundingClientRect(), to = nodes.get(b).getBoundingClientRect();
      const x1 = from.right + dx, y1 = from.top + from.height / 2 + dy;
      const x2 = to.left + dx, y2 = to.top + to.height / 2 + dy;
      const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
      const bend = Math.max(30, (x2 - x1) / 2);
      path.setAttribute("d", `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`);
      path.dataset.edge = `${a} → ${b}`;
      if (b === "cut" || nodes.get(b).classList.contains("picked")) path.classList.add("picked");
      return path;
    }));
  };
  requestAnimationFrame(wire);
  // Again when the page's width changes the columns.
  if (window.ResizeObserver) new ResizeObserver(() => { if (!panel.hidden) wire(); }).observe(grid);
  panel.querySelectorAll("img, video").forEach((media) => media.addEventListener(media.tagName === "IMG" ? "load" : "loadedmetadata", wire));
}

export async function renderShot(view, project, shotID, given) {
  const [report, notes] = await Promise.all([given || api.shot(project, shotID), api.notes(project, shotID)]);
  const s = report.shot;
  // One more take of the shot as it is now: takes of earlier versions do not count.
  const current = report.takes.filter((x) => x.current).length;
  const generate = await runPanel(project, { shots: [s.id], takes: current + 1, choices: [current + 1] });
  const stills = report.keyframes.filter((k) => k.media);
  const takes = report.takes;
  const playTogether = element("button", { type: "button", text: t("playTogether"), onclick: () => {
    const videos = view.querySelectorAll(".takes video");
    videos.forEach((v) => { v.currentTime = 0; });
    videos.forEach((v) => v.play());
  } });
  // The takes ticked (two to four), else the newest ones with a picture, compared over the page.
  const compare = element("button", { type: "button", "data-action": "compare", text: t("compare_open"), onclick: () => {
    const ticked = [...view.querySelectorAll("input[name=compare]:checked")].map((box) => box.value);
    const playable = takes.filter((x) => x.media);
    const chosen = ticked.length >= 2 ? playable.filter((x) => ticked.includes(x.take)).slice(0, 4) : playable.slice(0, 4);
    openCompare(project, s.id, chosen, 24, (updated) => renderShot(view, project, s.id, updated));
  } });
  // The shot's graph: what each take and keyframe was made from, into the cut.
  const graphPanel = element("section", { class: "graph", hidden: true });
  const graphButton = element("button", { type: "button", "data-action": "graph", text: t("graph_open"), onclick: () => {
    graphPanel.hidden = !graphPanel.hidden;
    if (!graphPanel.hidden) drawGraph(graphPanel, project, report);
  } });
  view.replaceChildren(
    element("a", { class: "back", href: `#/p/${encodeURIComponent(project)}`, text: t("back") }),
    element("h1", {}, s.id, element("small", { text: ` ${report.scene}` })),
    element("p", {}, element("b", { text: `${t("inFrame")}: ` }), report.subjects.length ? report.subjects.join(", ") : t("noOne")),
    ...report.lines.map((line) => element("p", { class: "dialogue", text: line })),
    soundLine(report),
    element("p", {}, element("b", { text: `${t("prompt")}: ` }), report.prompt),
    ...(report.nextNotes ? [element("p", { class: "next-notes" }, element("b", { text: `${t("nextNotes")}: ` }), report.nextNotes.trim())] : []),
    element("p", { class: "remote" }, element("b", { text: `${t("remote")}: ` }), report.remoteInput),
    ...(report.keyframeInput ? [element("p", { class: "remote" }, element("b", { text: `${t("keyframeInput")}: ` }), report.keyframeInput)] : []),
    element("p", { class: "muted", text: `${t("version")} ${report.version}` }),
    element("h2", { text: t("edit") }), editForm(view, project, report),
    element("h2", { text: t("keyframes") }),
    stills.length
      ? element("div", { class: "keyframes" }, stills.map((k) =>
          element("figure", { class: k.picked ? "picked" : "" },
            element("img", { src: api.media(project, k.media), alt: k.take }),
            element("figcaption", {}, `#k${k.number} · ${money(k.cost ? [k.cost] : [])} `,
              pickButton(view, project, s.id, { keyframe: k.number }, k.picked)))))
      : element("p", { class: "muted", text: t("noKeyframes", { shot: s.id }) }),
    element("h2", {}, t("takes"), " ", takes.filter((x) => x.media).length > 1 ? [playTogether, " ", compare] : null,
      takes.length || stills.length ? [" ", graphButton] : null),
    graphPanel,
    generate,
    takes.length
      ? element("div", { class: "takes" }, takes.map((x) => takeCard(view, project, s, x, notes)))
      : element("p", { class: "muted", text: t("noTakes", { shot: s.id }) }),
    element("h2", { text: t("notes") }), noteList(notes, project, s.id, () => renderShot(view, project, s.id)));
}
