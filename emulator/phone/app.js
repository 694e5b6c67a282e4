// The phone view: choose or create a simulated resident, see the chat as LINE shows it, type, share
// a location, send a photo or sticker, tap postbacks, quick replies and the rich menu, open LIFF links
// signed in as the resident. Talks only to the emulator's admin API (/__emulator/*).
import { renderMessage } from "./render.js";

const $ = (id) => document.getElementById(id);
const api = async (method, path, body) => {
  const response = await fetch(`/__emulator${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.error || json.message || `HTTP ${response.status}`);
  return json;
};

const PAGE_SIZE = 30;
const state = {
  channel: null,
  page: 0,
  query: "",
  resident: null,
  outgoing: [],
  incoming: [],
  lastSeq: 0,
  lastInbound: 0,
  richMenu: null,
  source: null,
};

function toast(text) {
  const node = $("toast");
  node.textContent = text;
  node.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (node.hidden = true), 3500);
}

const STATUS_LABEL = { friend: "友だち", blocked: "ブロック中", "not-friend": "未登録" };

// ── residents

async function loadResidents() {
  const q = encodeURIComponent(state.query);
  const data = await api("GET", `/residents?offset=${state.page * PAGE_SIZE}&limit=${PAGE_SIZE}&q=${q}`);
  const list = $("resident-list");
  list.replaceChildren();
  for (const resident of data.residents) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "resident";
    button.setAttribute("aria-current", state.resident?.userId === resident.userId ? "true" : "false");
    const name = document.createElement("span");
    name.textContent = resident.displayName;
    const badge = document.createElement("span");
    badge.className = `badge ${resident.status}`;
    badge.textContent = STATUS_LABEL[resident.status] || resident.status;
    const sub = document.createElement("span");
    sub.className = "muted small";
    sub.textContent = resident.synthetic ? `住民 #${resident.synthetic}` : "手動で追加";
    button.append(name, badge, sub);
    button.addEventListener("click", () => selectResident(resident.userId));
    item.append(button);
    list.append(item);
  }
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  $("page-info").textContent = `${state.page + 1} / ${pages} ページ（${data.total.toLocaleString()} 人）`;
  $("prev-page").disabled = state.page === 0;
  $("next-page").disabled = state.page + 1 >= pages;
}

async function selectResident(userId) {
  state.resident = await api("GET", `/residents/${userId}`);
  state.outgoing = [];
  state.incoming = [];
  state.lastSeq = 0;
  state.lastInbound = 0;
  history.replaceState(null, "", `?userId=${userId}`);
  $("chat").replaceChildren();
  $("composer-text").disabled = false;
  $("send").disabled = false;
  $("toggle-block").disabled = false;
  $("open-liff").disabled = false;
  await Promise.all([refreshConversation(), refreshRichMenu(), loadResidents()]);
  subscribe();
  $("composer-text").focus();
}

function renderHeader() {
  const r = state.resident;
  if (!r) return;
  $("chat-title").textContent = state.channel?.channel?.displayName || "公式アカウント";
  $("chat-status").textContent = `${r.displayName} として表示中（${STATUS_LABEL[r.status] || r.status}）`;
  $("toggle-block").textContent = r.status === "friend" ? "ブロックする" : r.status === "blocked" ? "ブロックを解除する" : "友だち追加する";
  const info = $("resident-info");
  info.replaceChildren();
  for (const [label, value] of [
    ["表示名", r.displayName],
    ["LINE ユーザー ID", r.userId],
    ["状態", STATUS_LABEL[r.status] || r.status],
    ["リッチメニュー", r.richMenuId || "なし"],
  ]) {
    const row = document.createElement("div");
    const dt = document.createElement("strong");
    dt.textContent = `${label}: `;
    const dd = document.createElement("span");
    dd.textContent = value;
    dd.className = label === "LINE ユーザー ID" ? "mono" : "";
    row.append(dt, dd);
    info.append(row);
  }
}

// ── conversation

async function refreshConversation() {
  const r = state.resident;
  if (!r) return;
  const data = await api("GET", `/residents/${r.userId}/conversation?afterSeq=${state.lastSeq}&afterInbound=${state.lastInbound}`);
  state.resident = data.resident;
  // Inbound items may come back with their delivery result filled in: replace by seq.
  const bySeq = new Map(state.incoming.map((i) => [i.seq, i]));
  for (const item of data.incoming) bySeq.set(item.seq, item);
  state.incoming = [...bySeq.values()];
  state.outgoing.push(...data.outgoing);
  state.lastSeq = data.lastSeq;
  renderHeader();
  renderChat();
  renderLoading();
}

function timeOf(iso) {
  return new Date(iso).toLocaleTimeString("ja-JP", { hour: "2-digit", minute: "2-digit" });
}

function renderChat() {
  const chat = $("chat");
  const items = [
    ...state.outgoing.map((row) => ({ at: Date.parse(row.acceptedAt), kind: "out", row })),
    ...state.incoming.map((item) => ({ at: Date.parse(item.at), kind: "in", item })),
  ].sort((a, b) => a.at - b.at);
  chat.replaceChildren();
  let lastDay = "";
  let lastQuickReply = null;
  for (const entry of items) {
    const day = new Date(entry.at).toLocaleDateString("ja-JP", { month: "long", day: "numeric", weekday: "short" });
    if (day !== lastDay) {
      const sep = document.createElement("div");
      sep.className = "day";
      sep.textContent = day;
      chat.append(sep);
      lastDay = day;
    }
    if (entry.kind === "out") {
      const row = entry.row;
      row.messages.forEach((message, i) => {
        const line = document.createElement("div");
        line.className = `line bot ${row.delivered ? "" : "undelivered"}`;
        const avatar = document.createElement("div");
        avatar.className = "avatar";
        avatar.setAttribute("aria-hidden", "true");
        if (message.sender?.iconUrl) {
          const img = document.createElement("img");
          img.src = message.sender.iconUrl;
          img.alt = "";
          avatar.append(img);
        } else avatar.textContent = (state.channel?.channel?.displayName || "L").slice(0, 1);
        const body = document.createElement("div");
        body.className = "line-body";
        const name = document.createElement("div");
        name.className = "sender small muted";
        name.textContent = message.sender?.name || state.channel?.channel?.displayName || "";
        body.append(name, renderMessage(message, onAction));
        const meta = document.createElement("div");
        meta.className = "meta small muted";
        meta.textContent = `${timeOf(row.acceptedAt)} · ${row.endpoint}${row.delivered ? "" : " · 未配信（ブロック中などのため届いていません）"}`;
        body.append(meta);
        line.append(avatar, body);
        chat.append(line);
        if (i === row.messages.length - 1) lastQuickReply = row.delivered ? message.quickReply || null : lastQuickReply;
      });
    } else {
      const item = entry.item;
      const line = document.createElement("div");
      line.className = "line me";
      const body = document.createElement("div");
      body.className = "line-body";
      let content;
      if (item.kind === "message") {
        const m = item.message;
        if (m.unsent) content = bubbleText("（送信を取り消しました）", "system");
        else if (m.type === "text") content = bubbleText(m.text);
        else if (m.type === "image") {
          content = document.createElement("div");
          content.className = "media";
          const img = document.createElement("img");
          img.src = `/__emulator/contents/${m.id}`;
          img.alt = "送った画像";
          content.append(img);
        } else if (m.type === "location") content = renderMessage({ type: "location", ...m }, onAction);
        else if (m.type === "sticker") content = renderMessage({ type: "sticker", ...m }, onAction);
        else if (m.type === "file") content = bubbleText(`📄 ${m.fileName}`);
        else content = bubbleText(`[${m.type}]`);
      } else if (item.kind === "postback") {
        content = item.postback.displayText ? bubbleText(item.postback.displayText) : bubbleText(`ポストバック: ${item.postback.data}${item.postback.params ? ` ${JSON.stringify(item.postback.params)}` : ""}`, "system");
      } else if (item.kind === "follow") content = bubbleText("友だち追加しました", "system");
      else if (item.kind === "unfollow") content = bubbleText("ブロックしました", "system");
      else content = bubbleText(item.kind, "system");
      body.append(content);
      const meta = document.createElement("div");
      meta.className = "meta small muted";
      const reasons = { could_not_connect: "アプリに接続できません", request_timeout: "2 秒以内に応答がありません", error_status_code: "エラー応答", unclassified: "不明なエラー" };
      const d = item.delivery;
      const delivery = !d ? "Webhook 送信中…" : d.reason === "ok" ? `Webhook ${d.statusCode}` : d.reason === "inactive" ? "Webhook 停止中（送信していません）" : `Webhook 失敗: ${reasons[d.reason] || d.reason}${d.statusCode ? ` ${d.statusCode}` : ""}`;
      meta.textContent = `${timeOf(item.at)} · ${delivery}`;
      body.append(meta);
      line.append(body);
      chat.append(line);
      lastQuickReply = null;
    }
  }
  renderQuickReplies(lastQuickReply);
  chat.scrollTop = chat.scrollHeight;
}

function bubbleText(text, extra = "") {
  const node = document.createElement("div");
  node.className = `bubble text ${extra}`;
  node.textContent = text;
  return node;
}

function renderQuickReplies(quickReply) {
  const bar = $("quick-replies");
  bar.replaceChildren();
  if (!quickReply?.items?.length) {
    bar.hidden = true;
    return;
  }
  for (const item of quickReply.items) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "quick-reply";
    if (item.imageUrl) {
      const img = document.createElement("img");
      img.src = item.imageUrl;
      img.alt = "";
      button.append(img);
    }
    button.append(document.createTextNode(item.action.label || item.action.type));
    button.addEventListener("click", () => {
      bar.hidden = true;
      onAction(item.action, "quickReply");
    });
    bar.append(button);
  }
  bar.hidden = false;
}

function renderLoading() {
  const until = state.resident?.loadingUntil;
  const node = $("loading");
  const remaining = until ? until - Date.now() : 0;
  node.hidden = remaining <= 0;
  clearTimeout(renderLoading.timer);
  if (remaining > 0) renderLoading.timer = setTimeout(renderLoading, Math.min(remaining, 60_000));
}

// ── rich menu

async function refreshRichMenu() {
  const r = state.resident;
  if (!r) return;
  const data = await api("GET", `/residents/${r.userId}/richmenu`);
  state.richMenu = data.richMenu ? data : null;
  const toggle = $("menu-toggle");
  const panel = $("richmenu");
  panel.replaceChildren();
  if (!state.richMenu) {
    toggle.hidden = true;
    panel.hidden = true;
    return;
  }
  const menu = data.richMenu;
  toggle.hidden = false;
  toggle.textContent = `${menu.chatBarText} ▾`;
  const frame = document.createElement("div");
  frame.className = "richmenu-frame";
  frame.style.aspectRatio = `${menu.size.width} / ${menu.size.height}`;
  if (data.imageUrl) {
    const img = document.createElement("img");
    img.src = data.imageUrl;
    img.alt = menu.name;
    frame.append(img);
  } else frame.classList.add("no-image");
  menu.areas.forEach((area, i) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "richmenu-area";
    Object.assign(button.style, {
      left: `${(area.bounds.x / menu.size.width) * 100}%`,
      top: `${(area.bounds.y / menu.size.height) * 100}%`,
      width: `${(area.bounds.width / menu.size.width) * 100}%`,
      height: `${(area.bounds.height / menu.size.height) * 100}%`,
    });
    const label = area.action.label || area.action.displayText || area.action.text || area.action.data || area.action.uri || `エリア ${i + 1}`;
    button.setAttribute("aria-label", label);
    if (!data.imageUrl) button.textContent = label;
    button.addEventListener("click", () => onAction(area.action, "richMenu"));
    frame.append(button);
  });
  panel.append(frame);
  panel.hidden = !menu.selected && toggle.getAttribute("aria-expanded") !== "true";
  toggle.setAttribute("aria-expanded", String(!panel.hidden));
}

// ── what the resident does

async function simulate(path, body) {
  const r = state.resident;
  if (!r) return;
  try {
    await api("POST", `/residents/${r.userId}/${path}?wait=false`, body);
  } catch (error) {
    toast(`送れませんでした: ${error.message}`);
  }
  await refreshConversation();
}

async function sendText(text) {
  if (text.trim()) await simulate("messages", { type: "text", text });
}

async function onAction(action, origin) {
  if (!action || !state.resident) return;
  switch (action.type) {
    case "message":
      return sendText(action.text);
    case "postback":
      return simulate("postback", { data: action.data, displayText: action.displayText || action.text });
    case "datetimepicker":
      return openPicker(action);
    case "uri":
      return openUri(action.uri);
    case "camera":
    case "cameraRoll":
      return $("file-input").click();
    case "location":
      return $("location-dialog").showModal();
    case "richmenuswitch":
      await simulate("richmenu-switch", { richMenuAliasId: action.richMenuAliasId, data: action.data });
      return refreshRichMenu();
    case "clipboard":
      await navigator.clipboard?.writeText(action.clipboardText).catch(() => {});
      return toast("コピーしました");
    default:
      return toast(`未対応のアクション: ${action.type}（${origin || ""}）`);
  }
}

async function openUri(uri) {
  const { url } = await api("GET", `/liff/resolve?url=${encodeURIComponent(uri)}`);
  if (url) {
    // A LIFF app opens signed in as the resident: the emulator mints tokens and hands them over.
    window.open(`/__emulator/liff/open?userId=${state.resident.userId}&url=${encodeURIComponent(uri)}`, "_blank", "noopener");
    return;
  }
  if (/^https?:/.test(uri)) window.open(uri, "_blank", "noopener,noreferrer");
  else if (uri.startsWith("tel:")) toast(`電話をかけます: ${uri.slice(4)}`);
  else toast(`LINE アプリでのみ開けるリンクです: ${uri}`);
}

function openPicker(action) {
  const dialog = $("picker-dialog");
  const input = $("picker-input");
  const type = { date: "date", time: "time", datetime: "datetime-local" }[action.mode] || "datetime-local";
  input.type = type;
  $("picker-label").textContent = action.mode === "date" ? "日付" : action.mode === "time" ? "時刻" : "日時";
  $("picker-title").textContent = action.label || "日時を選ぶ";
  const normalize = (v) => (v ? v.replace(/t/, "T") : "");
  input.value = normalize(action.initial);
  input.min = normalize(action.min);
  input.max = normalize(action.max);
  dialog.onclose = () => {
    if (dialog.returnValue !== "ok" || !input.value) return;
    // postback.params: {date: "2017-12-25"} | {time: "01:00"} | {datetime: "2017-12-25T01:00"}
    simulate("postback", { data: action.data, params: { [action.mode]: input.value } });
  };
  dialog.showModal();
}

// ── live updates

function subscribe() {
  state.source?.close();
  const source = new EventSource(`/__emulator/stream?userId=${state.resident.userId}`);
  state.source = source;
  source.addEventListener("change", () => {
    refreshConversation();
    refreshRichMenu();
  });
  source.addEventListener("delivery", (event) => addDelivery(JSON.parse(event.data)));
  source.onerror = () => {
    // Fall back to polling while the stream reconnects.
    clearInterval(subscribe.poll);
    subscribe.poll = setInterval(refreshConversation, 3000);
    source.onopen = () => clearInterval(subscribe.poll);
  };
}

function addDelivery(result) {
  const list = $("deliveries");
  const item = document.createElement("li");
  item.className = result.reason === "ok" ? "ok" : "failed";
  const what = result.eventTypes.length ? result.eventTypes.join(", ") : result.kind;
  item.textContent = `${new Date(result.at).toLocaleTimeString("ja-JP")} ${what} → ${result.reason === "ok" ? `${result.statusCode} OK` : `${result.reason} ${result.statusCode || ""}`} (${result.latencyMs} ms)`;
  list.prepend(item);
  while (list.children.length > 20) list.lastChild.remove();
}

// ── wiring

async function main() {
  state.channel = await api("GET", "/state");
  $("channel-name").textContent = `${state.channel.channel.displayName}（${state.channel.url}）`;
  $("webhook-url").textContent = `送信先: ${state.channel.webhook.url}${state.channel.webhook.active ? "" : "（停止中）"}`;
  for (const result of (await api("GET", "/webhook/deliveries?limit=20")).deliveries) addDelivery(result);

  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    state.query = $("search").value;
    state.page = 0;
    loadResidents();
  });
  $("prev-page").addEventListener("click", () => {
    state.page--;
    loadResidents();
  });
  $("next-page").addEventListener("click", () => {
    state.page++;
    loadResidents();
  });
  $("create-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const created = await api("POST", "/residents?wait=false", { displayName: $("new-name").value, follow: $("new-follow").checked });
      $("new-name").value = "";
      await selectResident(created.resident.userId);
    } catch (error) {
      toast(error.message);
    }
  });
  $("composer").addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = $("composer-text");
    const text = input.value;
    input.value = "";
    await sendText(text);
  });
  $("share-location").addEventListener("click", () => $("location-dialog").showModal());
  $("location-dialog").addEventListener("close", () => {
    if ($("location-dialog").returnValue !== "ok") return;
    simulate("messages", {
      type: "location",
      title: $("loc-title").value,
      address: $("loc-address").value,
      latitude: Number($("loc-lat").value),
      longitude: Number($("loc-lng").value),
    });
  });
  $("send-sticker").addEventListener("click", () => simulate("messages", { type: "sticker", packageId: "446", stickerId: "1988" }));
  $("attach").addEventListener("click", () => $("file-input").click());
  $("file-input").addEventListener("change", async () => {
    const file = $("file-input").files[0];
    if (!file) return;
    const data = new Uint8Array(await file.arrayBuffer());
    let binary = "";
    for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
    await simulate("messages", { type: "image", dataBase64: btoa(binary), contentType: file.type || "image/jpeg" });
    $("file-input").value = "";
  });
  $("menu-toggle").addEventListener("click", () => {
    const panel = $("richmenu");
    panel.hidden = !panel.hidden;
    $("menu-toggle").setAttribute("aria-expanded", String(!panel.hidden));
  });
  $("toggle-block").addEventListener("click", async () => {
    const r = state.resident;
    await simulate(r.status === "friend" ? "unfollow" : "follow");
    await loadResidents();
  });
  $("open-liff").addEventListener("click", () => openUri(`https://liff.line.me/${state.channel.channel.liffIds[0]}`));

  await loadResidents();
  const initial = new URLSearchParams(location.search).get("userId");
  if (initial) await selectResident(initial).catch(() => toast("指定された住民が見つかりません"));
}

main().catch((error) => toast(`エミュレーターに接続できません: ${error.message}`));
