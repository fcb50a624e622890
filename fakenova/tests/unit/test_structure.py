"""The shape of the package: no import cycles, and layers that hold.

Every ``import`` of a fakenova module counts, at any depth (an import
inside a function is still a dependency: it only hides the cycle from the
module's top). The tests are not part of the package's graph.
"""

import ast
import os

import testtools

from fakenova.tests.unit import base

PACKAGE = os.path.join(base.REPO, 'fakenova')
TESTS = os.path.join(PACKAGE, 'tests')


def _modules():
    """{dotted name: path} of every module of the package (no tests)."""
    found = {}
    for root, dirs, files in os.walk(PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != '__pycache__'
                         and os.path.join(root, d) != TESTS)
        for name in files:
            if not name.endswith('.py'):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, base.REPO)[:-3].split(os.sep)
            if rel[-1] == '__init__':
                rel = rel[:-1]
            found['.'.join(rel)] = path
    return found


def _imports(path, module, modules):
    """The fakenova modules ``module`` imports, anywhere in its code."""
    with open(path) as f:
        tree = ast.parse(f.read(), path)
    package = module if path.endswith('__init__.py') else (
        module.rsplit('.', 1)[0])
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = node.module or ''
            if node.level:
                parts = package.split('.')
                parts = parts[:len(parts) - node.level + 1]
                source = '.'.join(parts + ([source] if source else []))
            names = []
            for alias in node.names:
                candidate = source + '.' + alias.name
                names.append(candidate if candidate in modules else source)
        else:
            continue
        for name in names:
            if name in modules and name != module:
                out.add(name)
    return out


def import_graph():
    modules = _modules()
    return {name: _imports(path, name, modules)
            for name, path in modules.items()}


def cycles(graph):
    """The strongly connected components with more than one module."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


class ImportGraphTest(testtools.TestCase):

    def test_the_graph_is_read(self):
        graph = import_graph()
        self.assertIn('fakenova.cloud', graph)
        self.assertIn('fakenova.compute.api.router', graph['fakenova.cloud'])
        self.assertGreater(len(graph), 60)

    def test_a_cycle_is_found(self):
        graph = {'a': {'b'}, 'b': {'c'}, 'c': {'a'}, 'd': {'a'}}
        self.assertEqual([['a', 'b', 'c']], cycles(graph))

    def test_no_import_cycles(self):
        graph = import_graph()
        found = cycles(graph)
        self.assertEqual([], found, '\n'.join(
            'cycle: %s' % ' -> '.join(c) for c in found))

    def test_models_know_no_http(self):
        # Each service is a package whose ``api`` is its HTTP face; the
        # rest (its model) imports no HTTP: no service's api, no WSGI
        # glue, no WebOb or Routes.
        graph = import_graph()
        services = ('compute', 'identity', 'image', 'control')
        http = tuple('fakenova.%s.api' % name for name in services) + (
            'fakenova.deploy', 'fakenova.fixture', 'fakenova.cloud',
            'fakenova.auth', 'fakenova.common.wsgi',
            'fakenova.common.middleware', 'fakenova.control.dashboard')
        model = [name for name in graph
                 if name.startswith(tuple('fakenova.%s.' % s
                                          for s in services))
                 and not name.startswith(http)]
        for expected in ('fakenova.compute.lifecycle',
                         'fakenova.identity.model',
                         'fakenova.control.seed'):
            self.assertIn(expected, model)
        for name in sorted(model):
            wrong = sorted(t for t in graph[name] if t.startswith(http))
            self.assertEqual([], wrong, name)
            with open(_modules()[name]) as f:
                text = f.read()
            for library in ('import webob', 'import routes',
                            'from webob', 'from routes'):
                self.assertNotIn(library, text, name)
