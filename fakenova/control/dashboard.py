"""The read-only HTML dashboard at GET /_fakenova/.

One self-contained page (inline CSS and JavaScript, no external assets, no
build step). The server renders the tables once (every value escaped with
:func:`html.escape`); the script then fetches ``state`` and ``calls``
every 2 seconds and rebuilds them with ``textContent`` only, so a server
named ``<script>`` stays text. When a token is needed (the fake listens
beyond loopback) the page asks for one and keeps it in sessionStorage.
"""

import html
import json

LAST_CALLS = 50

SERVER_COLUMNS = ('id', 'name', 'status', 'vm_state', 'task_state',
                  'locked')
CALL_COLUMNS = ('index', 'method', 'path', 'action', 'status',
                'request_id')
FAULT_COLUMNS = ('kind', 'operation', 'server_id', 'times', 'detail')

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>fakenova</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }}
h1 {{ font-size: 1.3em; }} h2 {{ font-size: 1.05em; margin-top: 1.5em; }}
table {{ border-collapse: collapse; font-size: 0.85em; }}
th, td {{ border: 1px solid #ccc; padding: 2px 6px; text-align: left; }}
th {{ background: #f0f0f0; }}
td {{ font-family: ui-monospace, monospace; white-space: nowrap; }}
.muted {{ color: #777; }} #token {{ display: {token_display}; }}
</style>
</head>
<body>
<h1>fakenova <span class="muted" id="summary">{summary}</span></h1>
<form id="token" onsubmit="return saveToken()">
<label>Admin or control token: <input id="token-input" type="password">
</label> <button>Use</button></form>
<h2>Servers</h2>
<table id="servers">{servers}</table>
<h2>Active faults</h2>
<table id="faults">{faults}</table>
<h2>Last {last} calls</h2>
<table id="calls">{calls}</table>
<script>
"use strict";
var SERVER_COLUMNS = {server_columns};
var CALL_COLUMNS = {call_columns};
var FAULT_COLUMNS = {fault_columns};
var LAST = {last};
function token() {{ return sessionStorage.getItem("fakenova-token"); }}
function saveToken() {{
  sessionStorage.setItem("fakenova-token",
                         document.getElementById("token-input").value);
  refresh();
  return false;
}}
function fill(id, columns, rows) {{
  var table = document.getElementById(id);
  while (table.firstChild) {{ table.removeChild(table.firstChild); }}
  var head = table.insertRow();
  columns.forEach(function (c) {{
    var th = document.createElement("th");
    th.textContent = c;
    head.appendChild(th);
  }});
  rows.forEach(function (row) {{
    var tr = table.insertRow();
    columns.forEach(function (c) {{
      var v = row[c];
      tr.insertCell().textContent = (v === null || v === undefined) ?
        "" : (typeof v === "object" ? JSON.stringify(v) : String(v));
    }});
  }});
}}
function get(path) {{
  var headers = {{"Accept": "application/json"}};
  if (token()) {{ headers["X-Auth-Token"] = token(); }}
  return fetch(path, {{headers: headers}}).then(function (r) {{
    if (r.status === 401 || r.status === 403) {{
      document.getElementById("token").style.display = "block";
      throw new Error("token needed");
    }}
    return r.json();
  }});
}}
function detail(f) {{
  if (f.kind === "fail") {{ return f.status + " " + (f.message || ""); }}
  if (f.kind === "error") {{ return JSON.stringify(f.fault); }}
  return f.seconds + " s";
}}
function refresh() {{
  return get("state").then(function (state) {{
    fill("servers", SERVER_COLUMNS, state.servers);
    fill("faults", FAULT_COLUMNS, state.faults.map(function (f) {{
      f.detail = detail(f);
      return f;
    }}));
    document.getElementById("summary").textContent =
      state.servers.length + " servers, pacing " + state.pacing.pacing +
      ", " + state.calls + " calls";
    return get("calls?since=" + Math.max(0, state.calls - LAST));
  }}).then(function (calls) {{
    fill("calls", CALL_COLUMNS, calls.calls.slice().reverse());
  }}).catch(function () {{}});
}}
setInterval(refresh, 2000);
</script>
</body>
</html>
"""


def _table(columns, rows):
    out = ['<tr>' + ''.join('<th>%s</th>' % html.escape(c)
                            for c in columns) + '</tr>']
    for row in rows:
        cells = []
        for column in columns:
            value = row.get(column)
            if value is None:
                value = ''
            elif isinstance(value, (bool, dict, list)):
                value = json.dumps(value)  # as the page's script shows it
            cells.append('<td>%s</td>' % html.escape(str(value)))
        out.append('<tr>' + ''.join(cells) + '</tr>')
    return '\n'.join(out)


def _detail(fault):
    if fault['kind'] == 'fail':
        return '%s %s' % (fault['status'], fault.get('message') or '')
    if fault['kind'] == 'error':
        return json.dumps(fault['fault'])
    return '%s s' % fault['seconds']


def _script_json(value):
    # JSON inside <script>: keep "</" from closing the element.
    return json.dumps(value).replace('</', '<\\/')


def render(state, calls):
    """The page; ``state``/``calls`` None when the reader needs a token."""
    if state is None:
        servers = _table(SERVER_COLUMNS, [])
        faults = _table(FAULT_COLUMNS, [])
        call_rows = _table(CALL_COLUMNS, [])
        summary = '(a token is needed to read the state)'
    else:
        servers = _table(SERVER_COLUMNS, state['servers'])
        faults = _table(FAULT_COLUMNS, [dict(f, detail=_detail(f))
                                        for f in state['faults']])
        call_rows = _table(CALL_COLUMNS, list(reversed(calls or [])))
        summary = html.escape('%d servers, pacing %s, %d calls' % (
            len(state['servers']), state['pacing']['pacing'],
            state['calls']))
    return _PAGE.format(
        summary=summary, servers=servers, faults=faults, calls=call_rows,
        last=LAST_CALLS, token_display='none' if state else 'block',
        server_columns=_script_json(SERVER_COLUMNS),
        call_columns=_script_json(CALL_COLUMNS),
        fault_columns=_script_json(FAULT_COLUMNS))
