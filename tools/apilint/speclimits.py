#!/usr/bin/env python3
"""speclimits.py adds the limits Spectral's OWASP ruleset asks for to the operations and schemas
of openapi.yaml that lack them, editing the file in place line by line so that the diff stays
small: maxLength on strings, maxItems on arrays, int32 format and bounds on integers, the
RateLimit, RateLimit-Policy and Access-Control-Allow-Origin headers on every response,
security: [] on operations without security, 429 on every limited operation and 504 on every
/v1 one. It is how those were first added (issue 13); run it after adding an operation or
resolving a merge of the spec, then review the diff and run `make apilint`:

    python3 tools/apilint/speclimits.py    # from the repository root; needs PyYAML

The numbers come from the names below; each is what the server enforces or produces.
"""
import yaml, sys
p = 'openapi.yaml'
src = open(p).read()
lines = src.split('\n')
root = yaml.compose(src)
ins = []  # (index to insert before, [lines])

def get(node, key):
    if not isinstance(node, yaml.MappingNode): return None
    for k, v in node.value:
        if k.value == key: return v
    return None
def keynode(node, key):
    for k, v in node.value:
        if k.value == key: return k
def last_line(n):
    if isinstance(n, yaml.MappingNode): return last_line(n.value[-1][1])
    if isinstance(n, yaml.SequenceNode): return last_line(n.value[-1])
    if n.style in ('|', '>') and n.end_mark.column == 0: return n.end_mark.line - 1
    return n.end_mark.line
def indent_of(k): return ' ' * k.start_mark.column

STR = {'id': 200, 'sha256': 64, 'body': 16777216, 'text': 1048576, 'snippet': 2000, 'title': 1000, 'name': 1000,
       'speaker_text': 1000, 'verb': 100, 'purpose': 2000, 'url': 2048, 'source': 200, 'next_cursor': 2048,
       'detail': 10000, 'message': 2000, 'type': 200, 'param': 200, 'q': 200,
       'aliases': 1000, 'status': 20, 'mentions': 200, 'header': 200, 'ingested_at': 40, 'updated_at': 40}
ARR = {'data': 500, 'errors': 100}
def strlimit(name):
    if name in STR: return STR[name]
    if name.endswith('_id') or name.endswith('_ids'): return 200
    print('default string limit for', name, file=sys.stderr); return 1000

def schema(node, name):
    """node: a schema mapping; name: the property/parameter name it describes."""
    if not isinstance(node, yaml.MappingNode) or get(node, '$ref') is not None: return
    t = get(node, 'type')
    if t is not None:
        tk = keynode(node, 'type')
        if node.flow_style:
            print('flow schema skipped', name, tk.start_mark.line+1, file=sys.stderr)
        else:
            add = []
            if t.value == 'string' and get(node, 'maxLength') is None and get(node, 'enum') is None:
                fmt = get(node, 'format')
                add.append('maxLength: %d' % (10 if fmt is not None and fmt.value == 'date' else strlimit(name)))
            if t.value == 'integer':
                if get(node, 'format') is None: add.append('format: int32')
                if get(node, 'minimum') is None: add.append('minimum: %d' % (100 if name == 'status' else 0))
                if get(node, 'maximum') is None: add.append('maximum: %d' % (599 if name == 'status' else 2147483647))
            if t.value == 'array' and get(node, 'maxItems') is None:
                add.append('maxItems: %d' % ARR.get(name, 100000))
            if add:
                ins.append((tk.start_mark.line + 1, [indent_of(tk) + a for a in add]))
    props = get(node, 'properties')
    if props is not None:
        for k, v in props.value: schema(v, k.value)
    items = get(node, 'items')
    if items is not None: schema(items, name)
    for comb in ('allOf', 'oneOf', 'anyOf'):
        c = get(node, comb)
        if c is not None:
            for v in c.value: schema(v, name)

def content(node):
    if node is None: return
    for _, media in node.value:
        sch = get(media, 'schema')
        if sch is not None: schema(sch, 'body')

HDRS = ["RateLimit:", "  $ref: '#/components/headers/RateLimit'", "RateLimit-Policy:", "  $ref: '#/components/headers/RateLimitPolicy'",
        "Access-Control-Allow-Origin:", "  $ref: '#/components/headers/AccessControlAllowOrigin'"]
def response(node):
    if get(node, '$ref') is not None: return
    content(get(node, 'content'))
    h = get(node, 'headers')
    if h is not None:
        hk = keynode(node, 'headers')
        child = ' ' * h.value[0][0].start_mark.column
        have = {k.value for k, _ in h.value}
        add = []
        for i in range(0, len(HDRS), 2):
            if HDRS[i][:-1] not in have: add += [child + HDRS[i], child + HDRS[i+1]]
        if add: ins.append((hk.start_mark.line + 1, add))
        for _, v in h.value: 
            if get(v, 'schema') is not None: schema(get(v, 'schema'), 'header')
    else:
        dk = keynode(node, 'description'); dv = get(node, 'description')
        at = dv.end_mark.line if dv.style in ('|', '>') else dk.start_mark.line + 1
        ind = indent_of(dk)
        ins.append((at, [ind + 'headers:'] + [ind + '  ' + x for x in HDRS]))

paths = get(root, 'paths')
for pk, pv in paths.value:
    path = pk.value
    for mk, op in pv.value:
        if mk.value == 'parameters':
            continue
        oid = keynode(op, 'operationId')
        if get(op, 'security') is None:
            ins.append((oid.start_mark.line + 1, [indent_of(oid) + 'security: []']))
        for par in (get(op, 'parameters').value if get(op, 'parameters') is not None else []):
            if get(par, '$ref') is None: schema(get(par, 'schema'), get(par, 'name').value)
        rb = get(op, 'requestBody')
        if rb is not None: content(get(rb, 'content'))
        resps = get(op, 'responses')
        codes = {k.value: (k, v) for k, v in resps.value}
        for code, (k, v) in codes.items(): response(v)
        add = []
        ind = indent_of(resps.value[0][0])
        if path not in ('/healthz', '/readyz', '/metrics') and '429' not in codes:
            add += [ind + "'429':", ind + "  $ref: '#/components/responses/TooManyRequests'"]
        if path.startswith('/v1') and '504' not in codes:
            ins.append((last_line(resps) + 1,
                        [ind + "'504':", ind + "  $ref: '#/components/responses/Timeout'"]))
        if add:
            if '500' in codes: at = codes['500'][0].start_mark.line
            else:
                at = last_line(resps) + 1
            ins.append((at, add))

comps = get(root, 'components')
for _, par in get(comps, 'parameters').value: schema(get(par, 'schema'), get(par, 'name').value if get(par, 'in').value != 'path' else 'id')
for _, h in get(comps, 'headers').value: schema(get(h, 'schema'), 'header')
for _, r in get(comps, 'responses').value: response(r)
for k, v in get(comps, 'schemas').value: schema(v, k.value)

# Stable: same index keeps the order added.
for at, add in sorted(ins, key=lambda x: x[0], reverse=True):
    lines[at:at] = add
open(p, 'w').write('\n'.join(lines))
