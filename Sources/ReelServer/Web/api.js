// The studio's one way to the server. An answer that is not 2xx becomes an ApiError with
// the problem's detail and hint, shown as it is: never a stack, never "Error 500".
export class ApiError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || "the server refused");
    this.problem = problem;
  }
}

/** The server could not be reached (not an answer from it). */
export class OfflineError extends Error {}

// The session's CSRF value: a change made by a signed-in browser repeats it in a header
// (the cookie alone does not do; another site's page cannot read it).
let csrf = null;
export function setCSRF(value) { csrf = value || null; }

async function send(method, path, body, headers = {}) {
  const options = { method, headers: { Accept: "application/json", ...headers } };
  if (csrf && method !== "GET") options.headers["X-Reel-CSRF"] = csrf;
  if (body instanceof Blob) {
    // A file as it is: its bytes, its type.
    options.body = body;
    options.headers["Content-Type"] = body.type || "application/octet-stream";
  } else if (body !== undefined) {
    options.body = JSON.stringify(body);
    options.headers["Content-Type"] = "application/json";
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch (error) {
    throw new OfflineError(String(error));
  }
  const text = await response.text();
  const value = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const problem = value || { status: response.status, detail: response.statusText };
    // How long to wait before trying again (a 429: too many wrong passwords).
    const wait = Number(response.headers.get("Retry-After"));
    if (wait > 0) problem.retryAfter = wait;
    throw new ApiError(problem);
  }
  return value;
}

const project = (id) => `/api/projects/${encodeURIComponent(id)}`;

export const api = {
  session: () => send("GET", "/api/session"),
  signIn: (name, password) => send("POST", "/api/session", { name, password }),
  signOut: () => send("DELETE", "/api/session"),
  projects: () => send("GET", "/api/projects"),
  workers: () => send("GET", "/api/workers"),
  // The series the served folder is; null when it is none (a 404).
  series: () => send("GET", "/api/series").catch((error) => {
    if (error instanceof ApiError && error.problem.status === 404) return null;
    throw error;
  }),
  newProject: (body) => send("POST", "/api/projects", body),
  templates: (lang) => send("GET", `/api/templates?lang=${encodeURIComponent(lang)}`),
  board: (id) => send("GET", `${project(id)}/board`),
  shot: (id, shot) => send("GET", `${project(id)}/shots/${encodeURIComponent(shot)}`),
  editShot: (id, shot, change, version) =>
    send("PATCH", `${project(id)}/shots/${encodeURIComponent(shot)}`, change, version ? { "If-Match": `"${version}"` } : {}),
  pick: (id, shot, body) => send("POST", `${project(id)}/shots/${encodeURIComponent(shot)}/pick`, body),
  unpick: (id, shot, kind) => send("DELETE", `${project(id)}/shots/${encodeURIComponent(shot)}/pick?kind=${kind}`),
  notes: (id, shot) => send("GET", `${project(id)}/shots/${encodeURIComponent(shot)}/notes`),
  note: (id, shot, body) => send("POST", `${project(id)}/shots/${encodeURIComponent(shot)}/notes`, body),
  notesFromCritic: (id, shot, take) => send("POST", `${project(id)}/shots/${encodeURIComponent(shot)}/critic-notes`, { take }),
  withdrawNote: (id, shot, note) => send("DELETE", `${project(id)}/shots/${encodeURIComponent(shot)}/notes/${note}`),
  cast: (id) => send("GET", `${project(id)}/cast`),
  voices: (id) => send("GET", `${project(id)}/voices`),
  grantConsent: (id, subject, fields, file) =>
    // Each field percent-encoded (URLSearchParams would send a space as "+", which is not one in a path's query).
    send("POST", `${project(id)}/cast/${encodeURIComponent(subject)}/consent?${Object.entries(fields).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&")}`, file),
  revokeConsent: (id, subject, reason) =>
    send("DELETE", `${project(id)}/cast/${encodeURIComponent(subject)}/consent${reason ? `?reason=${encodeURIComponent(reason)}` : ""}`),
  addReference: (id, subject, file) => send("POST", `${project(id)}/cast/${encodeURIComponent(subject)}/references`, file),
  sheet: (id, subject) => send("GET", `${project(id)}/cast/${encodeURIComponent(subject)}/sheet`),
  castVoice: (id, subject, body) => send("PATCH", `${project(id)}/cast/${encodeURIComponent(subject)}/voice`, body),
  // The film's song; null when it has none (the server's 404).
  song: (id) => send("GET", `${project(id)}/song`)
    .catch((error) => (error instanceof ApiError && error.problem.status === 404 ? null : Promise.reject(error))),
  setSong: (id, body) => send("PUT", `${project(id)}/song`, body),
  removeSong: (id) => send("DELETE", `${project(id)}/song`),
  music: (id) => send("GET", `${project(id)}/music`),
  setMusic: (id, scene, body) => send("PATCH", `${project(id)}/music/${encodeURIComponent(scene)}`, body),
  makeMusic: (id, scene) => send("POST", `${project(id)}/music/${encodeURIComponent(scene)}/takes`, {}),
  estimate: (id, body) => send("POST", `${project(id)}/estimate`, body),
  startRun: (id, body) => send("POST", `${project(id)}/runs`, body),
  stopRun: (id) => send("DELETE", `${project(id)}/run`),
  run: (id) => send("GET", `${project(id)}/run`),
  // The run panel once no run of the project goes on.
  runDone: (id) => send("GET", `${project(id)}/run?wait=1`),
  render: (id, body) => send("POST", `${project(id)}/render`, body),
  exportCut: (id, format, draftsFolder) => send("POST", `${project(id)}/exports`, draftsFolder ? { format, draftsFolder } : { format }),
  download: (id, name) => `${project(id)}/downloads/${encodeURIComponent(name)}`,
  media: (id, name) => `${project(id)}/media/${name}`,
};
