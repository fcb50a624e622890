#!/usr/bin/env python
"""How a page of key pairs or images costs with the collection's size
(a script, not a test).

    PYTHONPATH=. python benchmarks/bench_lists.py [--sizes 1000,10000,100000]
        [-n 30] [--rounds 1] [--repo DIR]

Each size runs in a subprocess of its own (a fresh cloud): the
standalone cloud's app (compute, identity and Glance, as fakenova-api
serves it, webob, no network), with keystone tokens of ``demo`` and
``alt_demo``. N is seeded through the functions the API and the
fixture use (``keypairs.add``, ``seeding.add_image``):

  key pairs: demo owns N; N more belong to 100 other users; alt_demo
  owns 10.
  images: N/2 private images of demo's project, N/2 of 100 other
  projects (plus the 3 public defaults); alt_demo's project owns 10.

Then (medians of ``-n`` requests; with ``--rounds``, the best round's):

  kp          GET /v2.1/os-keypairs?limit=100 (demo: N pairs)
  kp_marker   the same after a marker in the middle of demo's pairs
  kp_others   GET /v2.1/os-keypairs?limit=100 as alt_demo (10 pairs among
              2N others')
  glance      GET /image/v2/images?limit=100 (demo)
  glance_mark the same after a marker in the middle of demo's images
  glance_oth  GET /image/v2/images?limit=100 as alt_demo
  detail      GET /v2.1/images/detail?limit=100 (demo, Nova's proxy)
  detail_oth  GET /v2.1/images/detail?limit=100 as alt_demo
  flavors     GET /v2.1/flavors?limit=100 (N public flavors)
  migrations  GET /v2.1/os-migrations?limit=100 (2.59, admin; N records
              of 100 servers)
  groups_oth  GET /v2.1/os-server-groups?limit=100 as alt_demo (10
              groups; N of 100 other projects)
  sg_oth      GET /v2.1/os-security-groups as alt_demo (N/10 groups of
              N/100 other projects)

Times are the process's CPU time. Each figure is printed with its ratio
to the first (smallest) size's figure measured in the same run. Target
(issue 14): every page at 100,000 within 1.5x of 1,000, as the server
pages. ``--repo`` measures another checkout (its fakenova) with this
script, e.g. the code before a change. The machine may be shared:
compare ratios, repeat runs.
"""

import argparse
import json
import os
import sys
import time

import benchstats

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# An ED25519 public key (any valid one: its fingerprint is computed).
PUBLIC_KEY = ('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJIzJ3e4t3J6qPFDPs09W6mq'
              '3EVzlmO7sI4j6XUOzHh5 bench')


def median_us(fn, n, warmup=5):
    return benchstats.median_us(fn, n, warmup, time.process_time_ns)


def measure(size, n):
    """The figures of one size (run in a subprocess of its own)."""
    import webob

    from fakenova import cloud as cloud_mod
    from fakenova.compute import keypairs
    from fakenova.compute import model
    from fakenova.compute import security_groups
    from fakenova.compute import seeding
    from fakenova.compute import server_groups
    from fakenova import deploy

    cloud = cloud_mod.Cloud()
    app = deploy.build_cloud(cloud)
    host = 'http://bench.test'

    def call(method, path, token, body=None, version='2.35'):
        req = webob.Request.blank(host + path, method=method, headers={
            'OpenStack-API-Version': 'compute %s' % version})
        if token:
            req.headers['X-Auth-Token'] = token
        if body is not None:
            req.json_body = body
        resp = req.get_response(app)
        assert resp.status_int < 300, (path, resp.status, resp.body[:300])
        return resp

    def login(name):
        resp = call('POST', '/identity/v3/auth/tokens', None, {'auth': {
            'identity': {'methods': ['password'], 'password': {'user': {
                'name': name, 'domain': {'id': 'default'},
                'password': name}}},
            'scope': {'project': {'name': name,
                                  'domain': {'id': 'default'}}}}})
        info = resp.json_body['token']
        return (resp.headers['X-Subject-Token'], info['user']['id'],
                info['project']['id'])

    demo, demo_user, demo_project = login('demo')
    alt, alt_user, alt_project = login('alt_demo')
    admin, _user, _project = login('admin')
    store = cloud.store
    out = {}

    start = time.process_time()
    for number in range(size):
        keypairs.add(store, demo_user, 'k%07d' % number, PUBLIC_KEY)
        keypairs.add(store, 'other-%d' % (number % 100), 'k%07d' % number,
                     PUBLIC_KEY)
    for number in range(10):
        keypairs.add(store, alt_user, 'k%07d' % number, PUBLIC_KEY)
    out['seed_kp_s'] = time.process_time() - start
    start = time.process_time()
    half = size // 2
    images = []
    for number in range(half):
        images.append(seeding.add_image(store, 'own%d' % number,
                                        project_id=demo_project).id)
        seeding.add_image(store, 'their%d' % number,
                          project_id='project-%d' % (number % 100))
    for number in range(10):
        seeding.add_image(store, 'alt%d' % number, project_id=alt_project)
    out['seed_img_s'] = time.process_time() - start
    start = time.process_time()
    for number in range(size):
        store.add_flavor(model.Flavor('f%07d' % number, 'f%d' % number,
                                      1, 512, 1))
    servers = [store.new_server('m%d' % number, 'project-m', 'user-m', '1',
                                None) for number in range(100)]
    for number in range(size):
        store.new_migration(servers[number % 100], 'resize', 'compute1',
                            'compute2')
    for number in range(size):
        server_groups.add(store, 'g', 'project-%d' % (number % 100), 'u',
                          'affinity')
    for number in range(10):
        server_groups.add(store, 'g', alt_project, alt_user, 'affinity')
    for number in range(size // 10):
        security_groups.new_group(store, 'project-%d' % (number % (
            size // 100)), 'sg%d' % number, '')
    out['seed_other_s'] = time.process_time() - start

    middle = 'k%07d' % (size // 2)
    out['kp'] = median_us(
        lambda: call('GET', '/v2.1/os-keypairs?limit=100', demo), n)
    out['kp_marker'] = median_us(
        lambda: call('GET', '/v2.1/os-keypairs?limit=100&marker=' + middle,
                     demo), n)
    out['kp_others'] = median_us(
        lambda: call('GET', '/v2.1/os-keypairs?limit=100', alt), n)
    marker = images[len(images) // 2]
    out['glance'] = median_us(
        lambda: call('GET', '/image/v2/images?limit=100', demo), n)
    out['glance_mark'] = median_us(
        lambda: call('GET', '/image/v2/images?limit=100&marker=' + marker,
                     demo), n)
    out['glance_oth'] = median_us(
        lambda: call('GET', '/image/v2/images?limit=100', alt), n)
    out['detail'] = median_us(
        lambda: call('GET', '/v2.1/images/detail?limit=100', demo), n)
    out['detail_oth'] = median_us(
        lambda: call('GET', '/v2.1/images/detail?limit=100', alt), n)
    out['flavors'] = median_us(
        lambda: call('GET', '/v2.1/flavors?limit=100', demo), n)
    out['migrations'] = median_us(
        lambda: call('GET', '/v2.1/os-migrations?limit=100', admin,
                     version='2.59'), n)
    out['groups_oth'] = median_us(
        lambda: call('GET', '/v2.1/os-server-groups?limit=100', alt), n)
    out['sg_oth'] = median_us(
        lambda: call('GET', '/v2.1/os-security-groups', alt), n)
    return out


ROWS = (
    ('kp', 'GET /os-keypairs?limit=100', 'us'),
    ('kp_marker', '  ... &marker= (middle)', 'us'),
    ('kp_others', '  ... caller 10, 2N others\'', 'us'),
    ('glance', 'GET /image/v2/images?limit=100', 'us'),
    ('glance_mark', '  ... &marker= (middle)', 'us'),
    ('glance_oth', '  ... caller 10, N others\'', 'us'),
    ('detail', 'GET /v2.1/images/detail?limit=100', 'us'),
    ('detail_oth', '  ... caller 10, N others\'', 'us'),
    ('flavors', 'GET /v2.1/flavors?limit=100', 'us'),
    ('migrations', 'GET /os-migrations?limit=100', 'us'),
    ('groups_oth', 'GET /os-server-groups (10 of N)', 'us'),
    ('sg_oth', 'GET /os-security-groups (others)', 'us'),
    ('seed_kp_s', 'seed 2N key pairs (keypairs.add)', 's'),
    ('seed_img_s', 'seed N images (seeding.add_image)', 's'),
    ('seed_other_s', 'seed flavors, migrations, groups', 's'),
)
PAGES = [key for key, _label, unit in ROWS if unit == 'us']


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--sizes', default='1000,10000,100000')
    parser.add_argument('-n', type=int, default=30)
    parser.add_argument('--rounds', type=int, default=1,
                        help='runs of every size, interleaved (best kept)')
    parser.add_argument('--repo', default=HERE,
                        help='the checkout whose fakenova is measured')
    parser.add_argument('--one', type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        sys.path.insert(0, args.repo)
        print(json.dumps(measure(args.one, args.n)))
        return
    repo = os.path.abspath(args.repo)
    sizes = [int(s) for s in args.sizes.split(',')]
    results = benchstats.by_size(__file__, sizes, args.n, args.rounds, repo)
    first, last = sizes[0], sizes[-1]
    print('fakenova of %s' % repo)
    benchstats.print_growth(ROWS, results, sizes)
    print()
    ratios = {key: results[last][key] / results[first][key]
              for key in PAGES}
    worst = max(ratios, key=ratios.get)
    print('pages at N=%d vs N=%d: %s; worst %s %.2fx: target <= 1.5x %s' % (
        last, first, ', '.join('%s %.2fx' % (k, ratios[k]) for k in PAGES),
        worst, ratios[worst], 'MET' if ratios[worst] <= 1.5 else 'MISSED'))


if __name__ == '__main__':
    main()
