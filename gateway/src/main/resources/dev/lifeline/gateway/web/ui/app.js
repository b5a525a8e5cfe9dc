// Lifeline dashboard: plain JavaScript, no libraries. It reads the admin API of the gateway that
// served it, with the admin token as a bearer token, and follows /api/stream (Server-Sent Events
// read with fetch(), so that the token travels in a header and never in a URL).
'use strict';

const KEY = 'lifeline.adminToken';
const SPAN_MS = 6 * 3600 * 1000;
const MAX_EVENTS = 300;
const COLORS = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c', '#0e7490'];
// A change of the active path away from one that was active; the first choice at start is not one.
const isFailover = (e) => e.type === 'ActivePathChanged' && !!(e.event && e.event.from);
const QUIET_TYPES = new Set(['CallQuality']);

let token = sessionStorage.getItem(KEY);
let events = [];
let history = null;
let streamController = null;
let historyTimer = null;
let generation = 0;

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function setConn(state, text) {
  const c = $('conn');
  c.className = 'badge ' + state;
  c.textContent = text;
}

class Unauthorized extends Error {}

async function api(path) {
  const res = await fetch(path, { headers: { Authorization: 'Bearer ' + token }, cache: 'no-store' });
  if (res.status === 401) throw new Unauthorized();
  if (!res.ok) throw new Error(path + ' answered ' + res.status);
  return res.json();
}

// ---- sign in / out ------------------------------------------------------------------------

function signOut(message) {
  generation++;
  token = null;
  sessionStorage.removeItem(KEY);
  if (streamController) streamController.abort();
  clearInterval(historyTimer);
  $('dash').hidden = true;
  $('login').hidden = false;
  $('signout').hidden = true;
  setConn('muted', 'signed out');
  $('login-msg').textContent = message || '';
}

async function signIn(candidate) {
  token = candidate;
  try {
    const status = await api('/api/status');
    sessionStorage.setItem(KEY, token);
    $('login').hidden = true;
    $('dash').hidden = false;
    $('signout').hidden = false;
    $('login-msg').textContent = '';
    renderStatus(status, await api('/api/calls').then((c) => c.calls), new Date());
    start(++generation);
  } catch (e) {
    if (e instanceof Unauthorized) {
      signOut('The gateway refused this token (401 Unauthorized). Copy it again from the admin token file.');
    } else {
      signOut('Cannot reach the gateway\'s admin API: ' + e.message);
    }
  }
}

function start(gen) {
  loadHistory(gen);
  loadEvents(gen);
  clearInterval(historyTimer);
  historyTimer = setInterval(() => loadHistory(gen), 300000);
  stream(gen);
}

// ---- live stream --------------------------------------------------------------------------

async function stream(gen) {
  let delay = 1000;
  while (gen === generation) {
    streamController = new AbortController();
    try {
      const res = await fetch('/api/stream', {
        headers: { Authorization: 'Bearer ' + token, Accept: 'text/event-stream' },
        signal: streamController.signal, cache: 'no-store',
      });
      if (res.status === 401) { signOut('The gateway no longer accepts this token (401). Sign in again.'); return; }
      if (!res.ok) throw new Error('stream answered ' + res.status);
      setConn('live', 'live');
      delay = 1000;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          dispatch(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
        }
      }
    } catch (e) {
      if (gen !== generation) return;
    }
    if (gen !== generation) return;
    setConn('reconnecting', 'reconnecting');
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 10000);
  }
}

function dispatch(block) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (data.length === 0) return;
  const body = JSON.parse(data.join('\n'));
  if (name === 'status') {
    renderStatus(body.status, body.calls, new Date(body.at));
    if (appendSample(body)) renderCharts();
  } else if (name === 'event') {
    addEvents([body]);
    if (isFailover(body)) renderCharts();
  } else if (name === 'gap') {
    addEvents([{ type: 'NotShown', at: new Date().toISOString(),
      event: { detail: body.dropped + ' events came too fast to show; the event log has them all' } }]);
  }
}

// ---- status tiles -------------------------------------------------------------------------

function fmt(v, digits, unit) {
  return v === null || v === undefined || v < 0 || Number.isNaN(v) ? '\u2013' : v.toFixed(digits) + (unit || '');
}

function duration(seconds) {
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  return h > 0 ? h + ' h ' + m + ' min' : m > 0 ? m + ' min ' + s + ' s' : s + ' s';
}

function clock(iso) {
  return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';
}

function renderStatus(status, calls, at) {
  $('site').textContent = status.site;
  document.title = 'Lifeline \u2013 ' + status.site;
  $('updated').textContent = 'updated ' + at.toLocaleTimeString();
  const active = status.paths.find((p) => p.active);
  $('active-path').textContent = active ? active.name : (status.paths.length ? 'none' : 'no WAN paths');
  $('registrations').textContent = status.registrations;
  $('calls-count').textContent = status.activeCalls;
  $('uptime').textContent = duration(status.uptimeSeconds);
  const banner = $('banner');
  banner.hidden = !status.survivalMode;
  banner.textContent = status.survivalMode
    ? 'Survival mode: every WAN path is down. Internal calls work; calls to the provider do not.' : '';

  $('paths').replaceChildren(...status.paths.map((p) => el('article',
    { class: 'tile path ' + p.state + (p.active ? ' is-active' : ''), 'data-path': p.name, 'data-state': p.state },
    el('h3', {}, p.name, ' ', el('span', { class: 'badge state ' + p.state }, p.state),
      p.active ? el('span', { class: 'badge active' }, 'active') : ''),
    el('dl', {},
      el('dt', {}, 'Loss'), el('dd', { class: 'loss' }, fmt(p.lossPercent, 1, ' %')),
      el('dt', {}, 'RTT'), el('dd', { class: 'rtt' }, fmt(p.rttMillis, 0, ' ms')),
      el('dt', {}, 'Jitter'), el('dd', { class: 'jitter' }, fmt(p.jitterMillis, 1, ' ms')),
      el('dt', {}, 'R'), el('dd', { class: 'r' }, fmt(p.r, 0))),
    el('p', { class: 'reason' }, (p.bind ? 'from ' + p.bind + ' \u00b7 ' : '') + p.state + ' since '
      + clock(p.since) + (p.reason ? ' \u00b7 ' + p.reason : '')))));

  $('trunks').replaceChildren(...(status.trunks.length ? status.trunks.map((t) => el('article',
    { class: 'tile trunk', 'data-trunk': t.name },
    el('h3', {}, t.name, ' ', el('span', { class: 'badge ' + t.state }, t.state)),
    el('p', { class: 'reason' }, t.detail))) : [el('p', { class: 'muted' }, 'No trunks configured.')]));

  const rows = calls.map((c) => el('tr', { 'data-call': c.id },
    el('td', {}, c.from), el('td', {}, c.to),
    el('td', { class: 'mos' }, fmt(c.mosFromCaller, 2)), el('td', { class: 'mos' }, fmt(c.mosFromCallee, 2)),
    el('td', { class: 'leg', title: legFigures(c.legs) }, losing(c)),
    el('td', {}, c.route), el('td', {}, clock(c.answered || c.started) + (c.answered ? '' : ' (ringing)'))));
  $('calls').tBodies[0].replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { class: 'empty', colspan: '7' }, 'No calls now.'))]));
}

/** Which leg is losing packets, in the gateway's words: "LAN leg losing 4.1 % from phone 1001". */
function losing(c) {
  if (c.blame === 'lan' || c.blame === 'wan' || c.blame === 'both') return c.blameReason;
  return c.blame === 'none' ? 'no leg' : '\u2013';
}

/** Each leg's loss, jitter and MOS as the relay measured the stream arriving on it. */
function legFigures(legs) {
  return (legs || []).map((l) => l.side.toUpperCase() + ' from ' + l.from + ': loss ' + fmt(l.lossPercent, 1, ' %')
    + ', jitter ' + fmt(l.jitterMillis, 0, ' ms') + ', MOS ' + fmt(l.mos, 2)).join('; ');
}

// ---- events -------------------------------------------------------------------------------

async function loadEvents(gen) {
  try {
    const body = await api('/api/events?since=6h&limit=1000');
    if (gen !== generation) return;
    addEvents(body.events.filter((e) => !QUIET_TYPES.has(e.type)));
  } catch (e) {
    if (e instanceof Unauthorized) signOut('The gateway refused the token (401). Sign in again.');
  }
}

function addEvents(list) {
  for (const e of list) if (!QUIET_TYPES.has(e.type)) events.push(e);
  events.sort((a, b) => a.at.localeCompare(b.at));
  if (events.length > MAX_EVENTS) events = events.slice(events.length - MAX_EVENTS);
  renderTimeline();
}

function describe(e) {
  const d = e.event || {};
  switch (e.type) {
    case 'ActivePathChanged': return 'active path ' + (d.from || 'none') + ' \u2192 ' + (d.to || 'none') + ' (' + d.reason + ')';
    case 'PathStateChanged': return d.path + ' ' + d.state + ' (' + d.reason + ')';
    case 'TrunkStateChanged': return d.trunk + ' ' + d.state + (d.reason ? ' (' + d.reason + ')' : '');
    case 'TrunkMoved': return d.trunk + ' registered over ' + d.path;
    case 'CallStarted': return d.from + ' \u2192 ' + d.to + ' (' + d.route + ')';
    case 'CallEnded': return d.from + ' \u2192 ' + d.to + ' ' + d.status + ' ' + (d.cause || '');
    case 'SurvivalModeChanged': return (d.active ? 'every WAN path down: survival mode' : 'survival mode ended') + ' (' + d.reason + ')';
    case 'CallMediaMoved': return 'call media moved to ' + d.path + ': ' + d.status + ' in ' + millis(d.took) + ' (call ' + d.callId + ')';
    case 'BindingSaved': return d.aor + (d.refresh ? ' refreshed' : ' registered');
    default: {
      const parts = Object.entries(d).filter(([k, v]) => k !== 'at' && v !== null && typeof v !== 'object')
        .map(([k, v]) => k + ' ' + v);
      return parts.join(', ');
    }
  }
}

/** An ISO-8601 duration as the event log writes it (PT0.168S) in milliseconds. */
function millis(iso) {
  const m = /^PT(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso || '');
  return m ? Math.round((Number(m[1] || 0) * 60 + Number(m[2] || 0)) * 1000) + ' ms' : String(iso);
}

function renderTimeline() {
  const items = events.slice().reverse().map((e) => el('li',
    { class: isFailover(e) ? 'failover' : '', 'data-type': e.type },
    el('span', { class: 'time' }, clock(e.at)), el('span', { class: 'type' }, e.type),
    el('span', { class: 'detail' }, describe(e) + (e.occurrences > 1 ? ' (\u00d7' + e.occurrences + ')' : ''))));
  $('timeline').replaceChildren(...(items.length ? items : [el('li', {}, el('span', { class: 'muted' }, 'No events yet.'))]));
}

// ---- charts -------------------------------------------------------------------------------

async function loadHistory(gen) {
  try {
    const body = await api('/api/history');
    if (gen !== generation) return;
    history = body;
    renderCharts();
  } catch (e) {
    if (e instanceof Unauthorized) signOut('The gateway refused the token (401). Sign in again.');
  }
}

/**
 * Between fetches of /api/history, the charts grow from the live snapshots: one point per
 * history interval, the same series the gateway keeps, so a chart is never minutes behind.
 */
function appendSample(snapshot) {
  if (!history) return false;
  const t = Date.parse(snapshot.at);
  const series = history.series;
  const last = Math.max(0, ...Object.values(series).map((p) => (p.length ? p[p.length - 1][0] : 0)));
  if (t - last < history.intervalSeconds * 1000) return false;
  const known = (v) => (v === null || v < 0 ? null : v);
  const add = (name, v) => { (series[name] = series[name] || []).push([t, v]); };
  for (const p of snapshot.status.paths) {
    add('path.' + p.name + '.r', known(p.r));
    add('path.' + p.name + '.loss', known(p.lossPercent));
  }
  add('calls.active', snapshot.calls.length);
  const mos = snapshot.calls.map((c) => [c.mosFromCaller, c.mosFromCallee].filter((m) => m !== null && m !== undefined))
    .filter((m) => m.length).map((m) => Math.min(...m));
  add('calls.mos.mean', mos.length ? mos.reduce((a, b) => a + b, 0) / mos.length : null);
  add('calls.mos.worst', mos.length ? Math.min(...mos) : null);
  const since = t - SPAN_MS;
  for (const name of Object.keys(series)) series[name] = series[name].filter(([at]) => at >= since);
  return true;
}

function seriesMatching(re) {
  const out = [];
  for (const [name, points] of Object.entries((history && history.series) || {})) {
    const m = name.match(re);
    if (m) out.push({ label: m[1] || name, points });
  }
  return out;
}

function renderCharts() {
  if (!history) return;
  const markers = events.filter(isFailover)
    .map((e) => ({ t: Date.parse(e.at), label: (e.event && e.event.to) || 'none' }));
  chart('r', seriesMatching(/^path\.(.+)\.r$/), 0, 100, markers);
  chart('loss', seriesMatching(/^path\.(.+)\.loss$/), 0, null, markers);
  chart('calls', seriesMatching(/^calls\.(active)$/), 0, null, markers);
  chart('mos', seriesMatching(/^calls\.mos\.(mean|worst)$/), 1, 5, markers);
}

function chart(id, series, yMin, yMax, markers) {
  const W = 600, H = 170, L = 34, R = 8, T = 8, B = 20;
  const root = $('chart-' + id);
  root.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
  const now = Date.now();
  let first = now;
  for (const s of series) if (s.points.length) first = Math.min(first, s.points[0][0]);
  const x0 = Math.max(now - SPAN_MS, Math.min(first, now - 5 * 60000));
  let top = yMax;
  if (top === null) {
    top = 1;
    for (const s of series) for (const [, v] of s.points) if (v !== null) top = Math.max(top, v);
    top = Math.ceil(top * 1.15);
  }
  const x = (t) => L + ((t - x0) / (now - x0)) * (W - L - R);
  const y = (v) => T + (1 - (v - yMin) / (top - yMin)) * (H - T - B);
  const parts = [];
  for (let i = 0; i <= 4; i++) {
    const v = yMin + ((top - yMin) * i) / 4;
    parts.push(svg('line', { class: 'grid', x1: L, x2: W - R, y1: y(v), y2: y(v) }));
    parts.push(svg('text', { x: L - 4, y: y(v) + 4, 'text-anchor': 'end' }, Number.isInteger(v) ? v : v.toFixed(1)));
  }
  const timeLabel = (t) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  parts.push(svg('text', { x: L, y: H - 4 }, timeLabel(x0)));
  parts.push(svg('text', { x: W - R, y: H - 4, 'text-anchor': 'end' }, timeLabel(now) + ' (now)'));
  let labelledAt = -Infinity;
  for (const m of markers) {
    if (m.t < x0 || m.t > now) continue;
    parts.push(svg('line', { class: 'marker', x1: x(m.t), x2: x(m.t), y1: T, y2: H - B }));
    if (x(m.t) - labelledAt > 60 && x(m.t) < W - R - 40) {   // failovers close together share one label
      parts.push(svg('text', { x: x(m.t) + 3, y: T + 10 }, '\u2192 ' + m.label));
      labelledAt = x(m.t);
    }
  }
  series.forEach((s, i) => {
    let d = '';
    let pen = false;
    for (const [t, v] of s.points) {
      if (v === null || t < x0) { pen = false; continue; }
      d += (pen ? 'L' : 'M') + x(t).toFixed(1) + ' ' + y(Math.min(v, top)).toFixed(1);
      pen = true;
    }
    if (d) parts.push(svg('path', { class: 'series', d, stroke: COLORS[i % COLORS.length] }));
  });
  if (!series.some((s) => s.points.some(([, v]) => v !== null))) {
    parts.push(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, 'no samples yet'));
  }
  root.replaceChildren(...parts);
  $('legend-' + id).replaceChildren(...series.map((s, i) => el('span', {},
    el('i', {}), s.label)));
  // Inline styles are refused by the page's policy: colour the legend keys through the DOM.
  [...$('legend-' + id).querySelectorAll('i')].forEach((k, i) => { k.style.background = COLORS[i % COLORS.length]; });
}

// ---- start --------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const value = $('token').value.trim();
    $('token').value = '';
    if (value) signIn(value);
  });
  $('signout').addEventListener('click', () => signOut('Signed out.'));
  if (token) signIn(token); else signOut('');
});
