"""fakenova-policy: try a policy file against the real fake API.

``matrix``  who may do what: every route and server action x personas,
            each cell a real request through the app on a fresh store.
``diff``    only the cells that change between two policy files
            ("default" stands for the in-code defaults).
``check``   lint a policy file: parse errors, check strings that do not
            parse, unknown rule names, references to undefined rules,
            rules equal to the default.
"""

import argparse
import csv
import io
import json
import logging
import os
import re
import sys

import yaml

from fakenova import policies
from fakenova import policy
from fakenova import policy_matrix

FORMATS = ('table', 'markdown', 'json', 'csv')


class UsageError(Exception):
    """A problem to report in one line, without a traceback."""


# -- matrix --------------------------------------------------------------

def _personas(path):
    if not path:
        return policy_matrix.DEFAULT_PERSONAS
    try:
        return policy_matrix.load_personas(path)
    except policy_matrix.PersonaError as exc:
        raise UsageError(str(exc))


def _matrix(policy_file, personas):
    if policy_file not in (None, 'default') and not os.path.isfile(
            policy_file):
        raise UsageError('%s: no such policy file' % policy_file)
    try:
        return policy_matrix.matrix(policy_file, personas)
    except Exception as exc:  # noqa: B902 -- a policy file oslo rejects
        raise UsageError('%s: cannot be loaded: %s' % (policy_file, exc))


def render(result, fmt):
    """``result`` ({label: {persona: outcome}}) as text in ``fmt``."""
    personas = list(next(iter(result.values())).keys()) if result else []
    rows = [[label] + [row[p] for p in personas]
            for label, row in result.items()]
    header = ['request'] + personas
    if fmt == 'json':
        return json.dumps(result, indent=2) + '\n'
    if fmt == 'csv':
        out = io.StringIO()
        writer = csv.writer(out, lineterminator='\n')
        writer.writerow(header)
        writer.writerows(rows)
        return out.getvalue()
    if fmt == 'markdown':
        lines = ['| ' + ' | '.join(header) + ' |',
                 '|' + '|'.join('---' for _ in header) + '|']
        lines += ['| ' + ' | '.join(row) + ' |' for row in rows]
        return '\n'.join(lines) + '\n'
    widths = [max(len(r[i]) for r in [header] + rows)
              for i in range(len(header))]
    lines = ['  '.join(cell.ljust(w) for cell, w in zip(row, widths))
             .rstrip() for row in [header] + rows]
    return '\n'.join(lines) + '\n'


def cmd_matrix(args, out):
    result = _matrix(args.policy_file, _personas(args.personas))
    out.write(render(result, args.format))
    return 0


def cmd_diff(args, out):
    personas = _personas(args.personas)
    changes = policy_matrix.diff(_matrix(args.first, personas),
                                 _matrix(args.second, personas))
    if args.format == 'json':
        out.write(json.dumps([
            {'request': label, 'persona': persona, args.first: before,
             args.second: after}
            for label, persona, before, after in changes], indent=2) + '\n')
        return 0
    if not changes:
        out.write('No cell changes between %s and %s.\n'
                  % (args.first, args.second))
        return 0
    width = max(len(label) for label, _p, _b, _a in changes)
    pwidth = max(len(persona) for _l, persona, _b, _a in changes)
    out.write('%d cell(s) change from %s to %s:\n'
              % (len(changes), args.first, args.second))
    for label, persona, before, after in changes:
        out.write('  %s  %s  %s -> %s\n' % (
            label.ljust(width), persona.ljust(pwidth), before, after))
    return 0


# -- check ---------------------------------------------------------------

def _key_line(text, name):
    """The 1-based line where ``name`` is given as a key, or None."""
    pattern = re.compile(r'^\s*["\']?%s["\']?\s*:' % re.escape(name))
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return None


def _parse(path, text):
    """(rules dict, None) or (None, (line, message))."""
    try:
        if path.endswith('.json'):
            data = json.loads(text)
        else:
            data = yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        return None, (exc.lineno, 'invalid JSON: %s' % exc.msg)
    except yaml.YAMLError as exc:
        mark = getattr(exc, 'problem_mark', None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, 'problem', None) or str(exc)
        return None, (line, 'invalid YAML: %s' % problem)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, (1, 'expected a mapping of rule name to check '
                         'string, got %s' % type(data).__name__)
    return data, None


def check_file(path):
    """[(level, line, message)] for the policy file at ``path``.

    ``level`` is 'error', 'warning' or 'info'; a file with an error does
    not do what its author meant (oslo.policy may still load it).
    """
    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as exc:
        return [('error', None, 'cannot read: %s' % exc)]
    rules, problem = _parse(path, text)
    if problem:
        return [('error', problem[0], problem[1])]
    registered = {rule.name: rule for rule in policies.list_rules()}
    known = set(registered) | set(rules)
    referenced = set()
    for check_str in rules.values():
        if isinstance(check_str, str):
            referenced.update(policy._RULE_REF.findall(check_str))
    findings = []
    for name, check_str in rules.items():
        line = _key_line(text, str(name))
        try:
            policy.validate_rule(name, check_str)
        except policy.InvalidRule as exc:
            findings.append(('error', line, str(exc)))
            continue
        for ref in policy._RULE_REF.findall(check_str):
            if ref not in known:
                findings.append((
                    'error', line, 'Rule %s refers to rule:%s, which is '
                    'defined neither in this file nor in fakenova (it '
                    'denies)' % (name, ref)))
        default = registered.get(name)
        if default is None:
            if name not in referenced:
                findings.append((
                    'warning', line, 'Rule %s names nothing fakenova '
                    'implements; it is ignored' % name))
        elif (str(policy.oslo_policy.RuleDefault(name, check_str).check)
                == str(default.check)):
            findings.append(('info', line, 'Rule %s equals the default '
                             '(%r); it can be removed' % (
                                 name, default.check_str)))
    return findings


def cmd_check(args, out):
    path = args.policy_file
    # oslo.policy logs a traceback for each check string it cannot parse;
    # the findings below say it in one line.
    logging.getLogger('oslo_policy._parser').setLevel(logging.CRITICAL)
    findings = check_file(path)
    order = {'error': 0, 'warning': 1, 'info': 2}
    findings.sort(key=lambda f: (f[1] or 0, order[f[0]]))
    for level, line, message in findings:
        where = '%s:%d' % (path, line) if line else path
        out.write('%s: %s: %s\n' % (where, level, message))
    counts = {level: sum(1 for f in findings if f[0] == level)
              for level in order}
    out.write('%s: %d error(s), %d warning(s), %d info\n' % (
        path, counts['error'], counts['warning'], counts['info']))
    return 1 if counts['error'] else 0


# -- entry point -----------------------------------------------------------

def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog='fakenova-policy',
        description='Try a Nova policy file against fakenova.')
    sub = parser.add_subparsers(dest='command', required=True)

    matrix = sub.add_parser('matrix', help='who may do what')
    matrix.add_argument('--policy-file', default=None,
                        help='policy file (default: in-code defaults)')
    matrix.add_argument('--personas', help='YAML list of personas')
    matrix.add_argument('--format', choices=FORMATS, default='table')
    matrix.set_defaults(func=cmd_matrix)

    diff = sub.add_parser('diff', help='cells that change between two '
                          'policy files ("default": in-code defaults)')
    diff.add_argument('first')
    diff.add_argument('second')
    diff.add_argument('--personas', help='YAML list of personas')
    diff.add_argument('--format', choices=('text', 'json'), default='text')
    diff.set_defaults(func=cmd_diff)

    check = sub.add_parser('check', help='lint a policy file')
    check.add_argument('--policy-file', required=True)
    check.set_defaults(func=cmd_check)
    return parser.parse_args(argv)


def main(argv=None, out=None):
    out = out if out is not None else sys.stdout
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # oslo.policy's own warnings about the file go to stderr, once.
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format='%(levelname)s: %(message)s')
    try:
        return args.func(args, out)
    except UsageError as exc:
        sys.stderr.write('fakenova-policy: error: %s\n' % exc)
        return 2


if __name__ == '__main__':
    sys.exit(main())
