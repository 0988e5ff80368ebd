// 掌上执法: the officers' phone app. Plain JavaScript, no build step.
//
// What the officer enters is never only on the screen: the day's work is downloaded into IndexedDB, a form being
// filled is saved as a draft at every change, and a finished inspection goes into a queue with its photos and
// signatures (as blobs, each with the SHA-256 computed here). The queue is sent when the network is there, evidence
// first, then the inspection, each under a key chosen here, so a retried send finds what the server already has and
// nothing is stored twice. Nothing leaves the queue until the server has accepted it.

const body = document.body;
const me = { officerId: Number(body.dataset.officerId || 0), name: body.dataset.officerName || "" };
const view = document.getElementById("view");
const MAX_BYTES = 20 * 1024 * 1024;
const TYPES = ["image/jpeg", "image/png", "image/webp", "application/pdf"];
const RESULTS = [["Compliant", "符合"], ["NotCompliant", "不符合"], ["NotApplicable", "不适用"]];
const OUTCOMES = [["NoProblemFound", "未发现问题"], ["RectifiedOnOrder", "发现问题已责令改正"], ["PendingFollowUp", "发现问题待后续处理"],
  ["NotDisclosed", "未按规定公示应当公示的信息"], ["FalseDisclosure", "公示信息隐瞒真实情况、弄虚作假"], ["Unreachable", "通过登记的住所（经营场所）无法联系"],
  ["NoRelevantActivity", "未发现开展本次抽查涉及的经营活动"], ["RefusedSeriously", "不配合检查情节严重"], ["NoLongerOperating", "已注销、吊销或迁出"]];
const FOLLOW_UPS = [["None", "无需处置"], ["RectificationOrder", "责令改正"], ["CaseLead", "案件线索移送"], ["NotifyDepartment", "抄告相关部门"]];
const KINDS = { SpotCheck: "双随机抽查", ReInspection: "复查", Complaint: "投诉举报核查", AdHoc: "日常检查" };
const STATES = { pending: "待同步", sending: "同步中", synced: "已同步", error: "同步失败" };

// ---- storage -------------------------------------------------------------------------------------------------

const db = await new Promise((resolve, reject) => {
  const open = indexedDB.open(`jianguan-m-${body.dataset.user || "anonymous"}`, 1);
  open.onupgradeneeded = () => {
    for (const store of ["work", "drafts", "queue", "blobs", "meta"]) open.result.createObjectStore(store);
  };
  open.onsuccess = () => resolve(open.result);
  open.onerror = () => reject(open.error);
});

function store(name, mode, action) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(name, mode);
    const request = action(tx.objectStore(name));
    tx.oncomplete = () => resolve(request?.result);
    tx.onerror = () => reject(tx.error);
  });
}
const get = (name, key) => store(name, "readonly", s => s.get(key));
const put = (name, key, value) => store(name, "readwrite", s => s.put(value, key));
const remove = (name, key) => store(name, "readwrite", s => s.delete(key));
const all = name => store(name, "readonly", s => s.getAll());
const keys = name => store(name, "readonly", s => s.getAllKeys());

// ---- small helpers -------------------------------------------------------------------------------------------

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** Replaces the view's content; absent parts (null) are left out. */
function show(...nodes) {
  view.replaceChildren(...nodes.flat().filter(n => n !== null && n !== undefined));
}

function say(text) {
  const message = document.getElementById("message");
  message.textContent = text;
  clearTimeout(say.timer);
  say.timer = setTimeout(() => { message.textContent = ""; }, 6000);
}

async function sha256(blob) {
  const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, "0")).join("");
}

const formKey = form => form.taskId ? `task-${form.taskId}-${form.creditCode}`
  : form.rectificationOrderId ? `order-${form.rectificationOrderId}-${form.creditCode}`
  : form.assignmentId ? `assignment-${form.assignmentId}-${form.creditCode}` : `adhoc-${form.creditCode}`;

function position() {
  return new Promise(resolve => {
    if (!navigator.geolocation) return resolve(null);
    navigator.geolocation.getCurrentPosition(p => resolve({ lat: p.coords.latitude, lon: p.coords.longitude }), () => resolve(null),
      { timeout: 5000, maximumAge: 60000 });
  });
}

// ---- network: a bearer token from the signed-in page, and the API ------------------------------------------

async function token(renew = false) {
  const kept = await get("meta", "token");
  if (!renew && kept && kept.expires > Date.now() + 60000) return kept.value;
  const response = await fetch("/m/token", {
    method: "POST", credentials: "same-origin",
    headers: { RequestVerificationToken: document.querySelector("meta[name=antiforgery]").content },
  });
  if (!response.ok || !(response.headers.get("content-type") || "").includes("json")) throw new SignInNeeded();
  const issued = await response.json();
  await put("meta", "token", { value: issued.accessToken, expires: Date.now() + issued.expiresIn * 1000 });
  return issued.accessToken;
}

class SignInNeeded extends Error {
  constructor() { super("登录已过期：请重新登录后同步，队列中的记录仍保存在手机上。"); }
}

/** Calls the API with the token, renewing it once when it has expired. Network failures throw TypeError. */
async function api(path, options = {}) {
  let response = await fetch(path, { ...options, headers: { ...options.headers, Authorization: `Bearer ${await token()}` } });
  if (response.status === 401) response = await fetch(path, { ...options, headers: { ...options.headers, Authorization: `Bearer ${await token(true)}` } });
  return response;
}

async function problem(response) {
  try {
    const json = await response.json();
    const errors = json.errors ? Object.values(json.errors).flat().join(" ") : "";
    return [json.detail, errors].filter(Boolean).join(" ") || json.title || `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

// ---- the day's work ------------------------------------------------------------------------------------------

async function download() {
  const response = await api("/api/v1/inspections/work");
  if (!response.ok) throw new Error(await problem(response));
  const forms = await response.json();
  const done = new Set((await all("queue")).map(item => item.formKey));
  const fresh = new Set();
  for (const form of forms) {
    const key = formKey(form);
    fresh.add(key);
    if (!done.has(key)) await put("work", key, form);
  }
  // A task taken away from the officer leaves the list, unless a draft of it is being filled.
  const drafts = new Set(await keys("drafts"));
  for (const key of await keys("work")) if (!fresh.has(key) && !drafts.has(key)) await remove("work", key);
  await put("meta", "downloaded", new Date().toISOString());
}

async function showWork() {
  const work = await all("work");
  const downloaded = await get("meta", "downloaded");
  show(
    el("form", { class: "card", role: "search", onsubmit: e => {
      e.preventDefault();
      const q = e.target.elements.q.value.trim();
      if (q) location.hash = `#/entity/${encodeURIComponent(q.toUpperCase())}`;
    } },
      el("label", { for: "q", text: "查找市场主体（统一社会信用代码或名称，或扫描张贴的二维码）" }),
      el("input", { type: "text", id: "q", name: "q", autocomplete: "off" }),
      el("p", {}, el("button", { type: "submit" }, "查找"))),
    el("h2", { text: "今日任务" }),
    el("p", { class: "hint", text: downloaded ? `任务已下载到手机：${new Date(downloaded).toLocaleString("zh-CN")}。无网络时也可打开和检查。` : "尚未下载任务。" }),
    el("button", { type: "button", class: "secondary", onclick: async () => {
      try { await download(); say("任务已更新。"); } catch (e) { say(e instanceof TypeError ? "无网络，显示的是已下载的任务。" : e.message); }
      route();
    } }, "下载最新任务"),
    work.length === 0 ? el("p", { text: "没有待检查的任务。" }) : null,
    ...work.map(form => el("article", { class: "card" },
      el("h3", {}, el("a", { href: `#/form/${encodeURIComponent(formKey(form))}`, text: form.entityName })),
      el("p", { class: "small", text: `${KINDS[form.kind] || form.kind}：${form.taskName}` }),
      el("p", { class: "small mono", text: form.creditCode }),
      el("p", { class: "small", text: `${form.address}${form.dueOn ? `　期限 ${form.dueOn}` : ""}` }),
      form.openFindings.length ? el("p", { class: "small bad", text: `未整改的问题 ${form.openFindings.length} 项` }) : null)));
}

// ---- look-up: by code or name, from the QR code at the door (扫码入企) ---------------------------------------

async function showEntity(q) {
  const work = (await all("work")).filter(f => f.creditCode === q || f.entityName.includes(q));
  const parts = [el("h2", { text: `查找：${q}` })];
  if (work.length) parts.push(el("h3", { text: "手机上的任务" }), ...work.map(f => el("p", {},
    el("a", { href: `#/form/${encodeURIComponent(formKey(f))}`, text: `${f.entityName}（${KINDS[f.kind] || f.kind}）` }))));
  if (!navigator.onLine) {
    parts.push(el("p", { class: "hint", text: "离线：只能查到已下载到手机上的任务。" }));
    show(parts);
    return;
  }
  try {
    const response = await api(`/api/v1/entities?q=${encodeURIComponent(q)}&pageSize=10`);
    const found = response.ok ? (await response.json()).items : [];
    if (!found.length) parts.push(el("p", { text: "名录库中没有找到。" }));
    for (const entity of found) {
      parts.push(el("article", { class: "card" },
        el("h3", { text: entity.name }),
        el("p", { class: "small mono", text: entity.creditCode }),
        el("p", { class: "small", text: `${entity.address || ""}　${entity.statusName || entity.status || ""}` }),
        el("button", { type: "button", onclick: () => startAdHoc(entity.creditCode) }, "开始日常检查")));
    }
  } catch (e) {
    parts.push(el("p", { class: "bad", text: e instanceof TypeError ? "无网络。" : e.message }));
  }
  show(parts);
}

/** An ad hoc inspection: the officer picks items of the department; the form comes from their checklists in force. */
async function startAdHoc(creditCode) {
  const response = await api("/api/v1/catalog/items");
  const items = response.ok ? await response.json() : [];
  const choices = el("fieldset", {}, el("legend", { text: "检查事项" }),
    items.map(i => el("div", { class: "choices" }, el("label", {}, el("input", { type: "checkbox", name: "item", value: i.code }), `${i.code} ${i.name}`))));
  show(el("h2", { text: "日常检查：选择检查事项" }),
    el("form", { onsubmit: async e => {
      e.preventDefault();
      const codes = [...e.target.querySelectorAll("input[name=item]:checked")].map(x => x.value);
      if (!codes.length) { say("请选择至少一个检查事项。"); return; }
      const form = await api(`/api/v1/inspections/form?kind=AdHoc&creditCode=${encodeURIComponent(creditCode)}&items=${encodeURIComponent(codes.join(","))}`);
      if (!form.ok) { say(await problem(form)); return; }
      const adhoc = { ...(await form.json()), itemCodes: codes };
      await put("work", formKey(adhoc), adhoc);
      location.hash = `#/form/${encodeURIComponent(formKey(adhoc))}`;
    } }, choices, el("p", {}, el("button", { type: "submit" }, "生成检查表单"))));
}

// ---- the form ------------------------------------------------------------------------------------------------

async function showForm(key) {
  const form = await get("work", key);
  if (!form) { show(el("p", { text: "该任务不在手机上：请回到今日任务。" })); return; }
  const draft = (await get("drafts", key)) || { points: {}, evidence: [], signatures: {}, startedAt: new Date().toISOString() };
  await put("drafts", key, draft);
  const save = () => put("drafts", key, draft);
  const others = form.officers.filter(o => o.id !== me.officerId);

  const points = form.points.map(p => {
    const name = `p${p.pointId}`;
    const answer = draft.points[p.pointId] || {};
    const note = el("input", { type: "text", id: `${name}-note`, value: answer.note || "", maxlength: 500,
      oninput: e => { draft.points[p.pointId] = { ...draft.points[p.pointId], note: e.target.value }; save(); } });
    return el("fieldset", {},
      el("legend", {}, `${p.itemCode}-${p.number} ${p.content}`, p.isMajor ? el("span", { class: "major", text: "（重大风险点）" }) : null),
      p.standard ? el("p", { class: "small", text: `标准：${p.standard}（${p.method}）` }) : null,
      el("div", { class: "choices", role: "radiogroup", "aria-label": `${p.itemCode}-${p.number} 的检查结果` },
        RESULTS.map(([value, label]) => el("label", {},
          el("input", { type: "radio", name, value, checked: answer.result === value,
            onchange: () => { draft.points[p.pointId] = { ...draft.points[p.pointId], result: value }; save(); } }), label))),
      el("label", { for: `${name}-note`, text: "说明（不符合的须写明问题）" }), note);
  });

  const photos = el("div", { class: "photos" });
  const drawPhotos = async () => {
    photos.replaceChildren();
    for (const item of draft.evidence) {
      const blob = await get("blobs", item.clientId);
      if (blob && item.type.startsWith("image/")) photos.append(el("img", { src: URL.createObjectURL(blob), alt: `证据照片 ${item.name}` }));
      else photos.append(el("span", { class: "small", text: item.name }));
    }
  };
  const camera = el("input", { type: "file", id: "evidence", accept: TYPES.join(","), capture: "environment", multiple: true, onchange: async e => {
    const where = await position();
    for (const file of e.target.files) {
      if (!TYPES.includes(file.type)) { say(`不接受的文件类型：${file.name}`); continue; }
      if (file.size > MAX_BYTES) { say(`文件过大：${file.name}，上限 20 MB。`); continue; }
      const clientId = crypto.randomUUID();
      await put("blobs", clientId, file);
      draft.evidence.push({ clientId, kind: file.type === "application/pdf" ? "File" : "Photo", name: file.name, type: file.type, size: file.size,
        sha256: await sha256(file), takenAt: new Date(file.lastModified || Date.now()).toISOString(), lat: where?.lat, lon: where?.lon });
    }
    await save();
    e.target.value = "";
    drawPhotos();
  } });

  const signers = [["first", `执法人员签名（${me.name}）`], ["second", "第二名执法人员签名"], ["party", "当事人签名"]];
  const pads = Object.fromEntries(signers.map(([who]) => [who, signaturePad()]));

  const second = el("select", { id: "second", required: true, onchange: e => { draft.secondOfficerId = Number(e.target.value); save(); } },
    el("option", { value: "", text: "请选择" }),
    others.map(o => el("option", { value: o.id, selected: draft.secondOfficerId === o.id, text: `${o.name}（${o.licenseNumber}）` })));
  const select = (id, options, value, onchange) => el("select", { id, onchange },
    options.map(([v, label]) => el("option", { value: v, selected: value === v, text: label })));
  const field = (id, label, control) => [el("label", { for: id, text: label }), control];
  const text = (id, prop, max, rows) => (rows ? el("textarea", { id, maxlength: max, rows, oninput: e => { draft[prop] = e.target.value; save(); } })
    : el("input", { type: "text", id, maxlength: max, value: draft[prop] || "", oninput: e => { draft[prop] = e.target.value; save(); } }));
  const summary = text("summary", "summary", 2000, 3);
  summary.value = draft.summary || "";
  const refusal = el("input", { type: "checkbox", id: "refused", checked: !!draft.partyRefused, onchange: e => { draft.partyRefused = e.target.checked; save(); } });

  show(
    el("h2", { text: form.entityName }),
    el("p", { class: "small", text: `${KINDS[form.kind] || form.kind}：${form.taskName}` }),
    el("p", { class: "small mono", text: form.creditCode }),
    form.openFindings.length ? el("details", {}, el("summary", { text: `以往未整改的问题（${form.openFindings.length}）` }),
      el("ul", {}, form.openFindings.map(f => el("li", { text: `${f.on} ${f.content}：${f.note}` })))) : null,
    el("form", { id: "inspection", novalidate: true, onsubmit: e => { e.preventDefault(); finish(key, form, draft, pads); } },
      field("second", "第二名执法人员", second),
      el("h3", { text: `检查要点（${form.points.length} 项）` }),
      points,
      el("fieldset", {}, el("legend", { text: "证据" }),
        el("label", { for: "evidence", text: "拍照或选择文件（照片、PDF，单个不超过 20 MB）" }), camera, photos),
      field("outcome", "检查结果", select("outcome", OUTCOMES, draft.outcome || "NoProblemFound", e => { draft.outcome = e.target.value; save(); })),
      field("followUp", "后续处置", select("followUp", FOLLOW_UPS, draft.followUp || "None", e => { draft.followUp = e.target.value; save(); })),
      field("requirement", "责令改正的内容（后续处置为责令改正时）", text("requirement", "requirement", 1000)),
      field("workingDays", "改正期限（工作日）", el("input", { type: "number", id: "workingDays", min: 1, max: 60, value: draft.workingDays || 10,
        oninput: e => { draft.workingDays = Number(e.target.value); save(); } })),
      field("caseLeadFacts", "涉嫌违法的事实（移送案件线索时）", text("caseLeadFacts", "caseLeadFacts", 2000)),
      field("summary", "检查情况", summary),
      field("partyName", "当事人（在场人）姓名", text("partyName", "partyName", 100)),
      signers.map(([who, label]) => el("fieldset", {}, el("legend", { text: label }), pads[who].canvas,
        el("button", { type: "button", class: "secondary", onclick: () => pads[who].clear() }, "重写"))),
      el("div", { class: "choices" }, el("label", { for: "refused" }, refusal, "当事人拒绝签字")),
      field("partyRefusalNote", "拒签情况说明", text("partyRefusalNote", "partyRefusalNote", 500)),
      el("p", {}, el("button", { type: "submit" }, "完成检查"))));
  drawPhotos();
  view.focus();
}

/** A canvas to sign on with a finger, a pen or a mouse. */
function signaturePad() {
  const canvas = el("canvas", { class: "sign", width: 600, height: 200, role: "img", "aria-label": "签名区：用手指在此签名" });
  const context = canvas.getContext("2d");
  context.lineWidth = 4;
  context.lineCap = "round";
  let drawing = false;
  let signed = false;
  const point = e => {
    const box = canvas.getBoundingClientRect();
    return [(e.clientX - box.left) * canvas.width / box.width, (e.clientY - box.top) * canvas.height / box.height];
  };
  canvas.addEventListener("pointerdown", e => { drawing = true; context.beginPath(); context.moveTo(...point(e)); canvas.setPointerCapture(e.pointerId); });
  canvas.addEventListener("pointermove", e => { if (!drawing) return; context.lineTo(...point(e)); context.stroke(); signed = true; });
  canvas.addEventListener("pointerup", () => { drawing = false; });
  return {
    canvas,
    get signed() { return signed; },
    clear() { context.clearRect(0, 0, canvas.width, canvas.height); signed = false; },
    blob: () => new Promise(resolve => canvas.toBlob(resolve, "image/png")),
  };
}

// A second tap while the first is still signing, hashing and locating (seconds on a slow phone) would queue the
// inspection twice: one finish at a time, and the inspection's key kept in the draft, so finishing it again after
// a crash replaces the queued one instead of adding another.
let finishing = false;

async function finish(key, form, draft, pads) {
  if (finishing) return;
  const missing = form.points.filter(p => !draft.points[p.pointId]?.result);
  const problems = [];
  if (!draft.secondOfficerId) problems.push("请选择第二名执法人员");
  if (missing.length) problems.push(`还有 ${missing.length} 个检查要点没有结果（${missing.slice(0, 5).map(p => `${p.itemCode}-${p.number}`).join("、")}）`);
  const failed = form.points.filter(p => draft.points[p.pointId]?.result === "NotCompliant");
  if (failed.some(p => !draft.points[p.pointId]?.note?.trim())) problems.push("不符合的检查要点须写明问题");
  if (!pads.first.signed || !pads.second.signed) problems.push("两名执法人员都须签名");
  if (!pads.party.signed && !draft.partyRefused) problems.push("请当事人签名，或注明当事人拒绝签字");
  if (problems.length) { say(problems.join("；") + "。"); return; }

  finishing = true;
  const button = document.querySelector("#inspection button[type=submit]");
  if (button) button.disabled = true;
  try {
    await queueFinished(key, form, draft, pads);
  } finally {
    finishing = false;
    if (button) button.disabled = false;
  }
}

async function queueFinished(key, form, draft, pads) {
  if (!draft.clientId) { draft.clientId = crypto.randomUUID(); await put("drafts", key, draft); }
  const signatures = {};
  for (const who of ["first", "second", "party"]) {
    if (who === "party" && draft.partyRefused) continue;
    const blob = await pads[who].blob();
    const clientId = crypto.randomUUID();
    await put("blobs", clientId, blob);
    signatures[who] = { clientId, kind: "Signature", signer: who, name: `签名-${who}.png`, type: "image/png", size: blob.size, sha256: await sha256(blob),
      takenAt: new Date().toISOString() };
  }
  const where = await position();
  const followUp = draft.followUp || "None";
  const clientId = draft.clientId;
  const inspection = {
    kind: form.kind, taskId: form.taskId, rectificationOrderId: form.rectificationOrderId, assignmentId: form.assignmentId ?? null,
    creditCode: form.creditCode, itemCodes: form.itemCodes ?? null,
    secondOfficerId: draft.secondOfficerId, startedAt: draft.startedAt, finishedAt: new Date().toISOString(), place: form.address,
    latitude: where?.lat, longitude: where?.lon,
    points: form.points.map(p => ({ pointId: p.pointId, result: draft.points[p.pointId].result, note: draft.points[p.pointId].note || "" })),
    outcome: draft.outcome || "NoProblemFound", followUp, summary: draft.summary || "", partyName: draft.partyName || "",
    partyRefusedToSign: !!draft.partyRefused, partyRefusalNote: draft.partyRefusalNote || "",
    evidence: draft.evidence.map(e => e.clientId), firstSignature: signatures.first.clientId, secondSignature: signatures.second.clientId,
    partySignature: signatures.party?.clientId ?? null,
    rectification: followUp === "RectificationOrder" ? { requirement: draft.requirement || "", workingDays: draft.workingDays || 10 } : null,
    caseLeadFacts: followUp === "CaseLead" ? draft.caseLeadFacts || "" : null,
  };
  await put("queue", clientId, {
    clientId, formKey: key, entityName: form.entityName, title: `${KINDS[form.kind] || form.kind}：${form.taskName}`, inspection,
    evidence: [...draft.evidence, ...Object.values(signatures)].map(e => ({ ...e, uploaded: false })),
    state: "pending", error: "", createdAt: new Date().toISOString(),
  });
  await remove("drafts", key);
  await remove("work", key);
  say(navigator.onLine ? "检查已完成，正在同步。" : "检查已完成，已存入同步队列，联网后自动同步。");
  location.hash = "#/queue";
  sync();
}

// ---- the queue -----------------------------------------------------------------------------------------------

let syncing = null;

/** Sends what is queued, oldest first; stops at the first network failure and tries again later. */
function sync() {
  syncing ??= (async () => {
    try {
      const items = (await all("queue")).filter(i => i.state === "pending" || i.state === "sending").sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      for (const item of items) if (!await send(item)) break;
    } finally {
      syncing = null;
      await showCount();
      if (location.hash.startsWith("#/queue")) route();
    }
  })();
  return syncing;
}

async function send(item) {
  const save = () => put("queue", item.clientId, item);
  try {
    item.state = "sending";
    await save();
    for (const evidence of item.evidence.filter(e => !e.uploaded)) {
      const blob = await get("blobs", evidence.clientId);
      const query = new URLSearchParams({ kind: evidence.kind, fileName: evidence.name, sha256: evidence.sha256, takenAt: evidence.takenAt });
      if (evidence.signer) query.set("signer", evidence.signer);
      if (evidence.lat != null) { query.set("lat", evidence.lat); query.set("lon", evidence.lon); }
      const response = await api(`/api/v1/inspections/evidence/${evidence.clientId}?${query}`, { method: "PUT", headers: { "Content-Type": evidence.type }, body: blob });
      if (!response.ok) return (transient(response.status) ? later : failed)(item, `证据“${evidence.name}”：${await problem(response)}`);
      evidence.uploaded = true;
      await save();
    }
    const response = await api(`/api/v1/inspections/${item.clientId}`, {
      method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(item.inspection),
    });
    if (!response.ok) return (transient(response.status) ? later : failed)(item, await problem(response));
    const stored = await response.json();
    item.state = "synced";
    item.error = "";
    item.serverId = stored.id;
    item.syncedAt = new Date().toISOString();
    await save();
    // The server holds the files now (checked against their hashes): the phone can let them go.
    for (const evidence of item.evidence) await remove("blobs", evidence.clientId);
    return true;
  } catch (e) {
    item.state = "pending";
    item.error = e instanceof TypeError ? "无网络，联网后自动同步。" : e.message;
    await save();
    return false;
  }
}

// The server or a proxy failing for a while (5xx, a timeout, too many requests) is not a refusal: the entry stays
// pending, as after a lost network, and the next sync (every 30 s, or when the network returns) sends it again.
const transient = status => status >= 500 || status === 408 || status === 429;

async function later(item, message) {
  item.state = "pending";
  item.error = `${message}（服务器暂时无法处理，稍后自动重试）`;
  await put("queue", item.clientId, item);
  return false;
}

async function failed(item, message) {
  // Refused by the server (a cancelled or reassigned task, a rule broken): kept, shown, and sent again only when the officer asks.
  item.state = "error";
  item.error = message;
  await put("queue", item.clientId, item);
  return true;
}

async function showQueue() {
  const items = (await all("queue")).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  show(
    el("h2", { text: "同步队列" }),
    el("p", { class: "hint", text: "完成的检查先存在手机上，联网后自动上传；上传成功前不会删除。" }),
    el("button", { type: "button", class: "secondary", onclick: () => sync() }, "立即同步"),
    items.length === 0 ? el("p", { text: "队列为空。" }) : null,
    ...items.map(item => el("article", { class: "card", "data-client-id": item.clientId },
      el("h3", { text: item.entityName }),
      el("p", { class: "small", text: item.title }),
      el("p", { class: `state state-${item.state}`, text: `${STATES[item.state]}${item.error ? `：${item.error}` : ""}` }),
      el("p", { class: "small", text: `完成于 ${new Date(item.createdAt).toLocaleString("zh-CN")}，证据 ${item.evidence.length} 件（已上传 ${item.evidence.filter(e => e.uploaded).length} 件）` }),
      item.state === "synced" ? el("a", { href: `/m/record/${item.clientId}`, target: "_blank", text: "现场检查笔录（PDF）" }) : null,
      item.state === "error" ? el("button", { type: "button", onclick: async () => { item.state = "pending"; await put("queue", item.clientId, item); sync(); } }, "重试") : null)));
}

async function showCount() {
  const waiting = (await all("queue")).filter(i => i.state !== "synced").length;
  document.getElementById("queue-count").textContent = waiting ? String(waiting) : "";
}

// ---- routing and start -----------------------------------------------------------------------------------------

async function route() {
  const hash = location.hash || "#/";
  const current = hash.startsWith("#/queue") ? "queue" : "work";
  for (const tab of document.querySelectorAll(".tabs a[data-tab]")) {
    if (tab.dataset.tab === current) tab.setAttribute("aria-current", "page");
    else tab.removeAttribute("aria-current");
  }
  if (hash.startsWith("#/form/")) await showForm(decodeURIComponent(hash.slice(7)));
  else if (hash.startsWith("#/entity/")) await showEntity(decodeURIComponent(hash.slice(9)));
  else if (hash.startsWith("#/queue")) await showQueue();
  else await showWork();
  await showCount();
}

function showNetwork() {
  const network = document.getElementById("network");
  network.textContent = navigator.onLine ? "在线" : "离线：记录保存在手机上";
  network.classList.toggle("offline", !navigator.onLine);
}

window.addEventListener("hashchange", route);
window.addEventListener("online", () => { showNetwork(); sync(); });
window.addEventListener("offline", showNetwork);
showNetwork();
if (me.officerId) {
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/m/sw.js", { scope: "/m/" });
  // Inspections waiting in the queue with their photos must not be evicted when the phone runs short of space.
  navigator.storage?.persist?.().catch(() => {});
  try {
    if (navigator.onLine) await download();
  } catch (e) {
    if (!(e instanceof TypeError)) say(e.message);
  }
  await route();
  sync();
  setInterval(() => { if (navigator.onLine) sync(); }, 30000);
  body.dataset.ready = "true";
}
