#!/usr/bin/env python3
# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.
"""Run tempest's compute API tests against a fakenova-api of their own.

Starts ``fakenova-api`` on a free port with ``etc/seed-tempest.yaml``,
writes a tempest workspace (``tempest.conf`` and the pre-provisioned
``accounts.yaml`` made from the same seed) as a cloud operator would for a
cloud without neutron, cinder and swift and without guest access, runs
``tempest run``, stops the server and prints passed/failed/skipped.
Classes that insist on projects of their own (``force_tenant_isolation``)
get dynamic credentials: tempest makes them with the cloud's ``admin``
through keystone's administration API.

    python tools/tempest/run.py                      # tempest.api.compute
    python tools/tempest/run.py --expected           # the expected-pass list
    python tools/tempest/run.py --regex REGEX        # any selection

With ``--expected`` the run passes only when every test of
``expected-pass.txt`` ran and passed (a skip there is a failure: the list
says it works). Otherwise the exit status is tempest's. ``--passed-list
FILE`` writes the names of the tests that passed (to refresh the list).
"""

import argparse
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SEED = os.path.join(ROOT, 'etc', 'seed-tempest.yaml')
EXPECTED = os.path.join(HERE, 'expected-pass.txt')
RESULT = re.compile(r'^\{\d+\} (?:setUpClass \((\S+)\)|(\S+))'
                    r'(?: \[[\d.]+s\])? \.\.\. (ok|FAILED|SKIPPED.*)$', re.M)
DEFAULT_REGEX = r'^tempest\.api\.compute\.'

# The cloud's own admin (fakenova's identity has it in every cloud):
# tempest's [auth] admin credentials. Ordinary classes take the
# pre-provisioned accounts of accounts.yaml; the classes that set
# force_tenant_isolation (quota tests, identity tests) get dynamic
# credentials instead: with these, tempest creates a project and users of
# their own through keystone's API and deletes them afterwards.
ADMIN = {'username': 'admin', 'password': 'admin', 'project_name': 'admin'}

IMAGE = '70a599e0-31e7-49b7-b260-868f441e862b'      # cirros
IMAGE_ALT = '155d900f-4e14-4e4c-a73d-069cbf4541e6'  # ubuntu
# The cloud's external network (fakenova.compute.store.PUBLIC_NETWORK_ID),
# which /os-networks lists: tempest's admin network test reads it by id.
# (Not [compute] fixed_network_name: tempest would then look the network
# up through /os-networks at each test's microversion, a 404 from 2.36,
# as with Nova.)
PUBLIC_NETWORK_ID = '5f0b8a3c-5c84-4b36-9d9c-2b3a5e1d7f10'

# [compute-feature-enabled]: a flag is on exactly when fakenova serves
# the feature (the reason follows each one that is off).
FEATURES = {
    'disk_config': True,
    'change_password': True,
    'console_output': True,
    'resize': True,
    'pause': True,
    'shelve': True,
    'shelve_migrate': True,
    'suspend': True,
    'cold_migration': True,
    'live_migration': True,
    'live_migrate_back_and_forth': True,
    # The metadata service is guest-side (169.254.169.254): no guests.
    'metadata_service': False,
    # Checked inside the guest (validation is off).
    'hostname_fqdn_sanitization': False,
    'block_migration_for_live_migration': True,
    'can_migrate_between_any_hosts': True,
    'vnc_console': True,
    'spice_console': True,
    'serial_console': True,
    'rescue': True,
    'stable_rescue': True,
    'enable_instance_password': True,
    'interface_attach': True,
    'snapshot': True,
    # Removed from the API at 2.57; tempest's tests use it below (and
    # read /limits first).
    'personality': True,
    'config_drive': True,
    # These need cinder (off here).
    'attach_encrypted_volume': False,
    'swap_volume': False,
    'volume_backed_live_migration': False,
    'volume_multiattach': False,
    'ide_bus': True,
    'unified_limits': False,
}


# The scheduler's filters fakenova applies (zones, the computes that are
# up, server groups, and the same_host / different_host hints).
FILTERS = ','.join([
    'AvailabilityZoneFilter', 'ComputeFilter', 'ComputeCapabilitiesFilter',
    'ImagePropertiesFilter', 'ServerGroupAntiAffinityFilter',
    'ServerGroupAffinityFilter', 'SameHostFilter', 'DifferentHostFilter'])


def read_list(path):
    """The test names of a list file (comments and blank lines left out)."""
    with open(path) as f:
        return [line.split('#', 1)[0].strip() for line in f
                if line.split('#', 1)[0].strip()]


def results(output):
    """{test or class name: 'ok' | 'FAILED' | 'SKIPPED: reason'}."""
    out = {}
    for match in RESULT.finditer(output):
        out[match.group(1) or match.group(2)] = match.group(3)
    return out


def tool(name):
    """A console script of this interpreter's environment, else PATH's."""
    beside = os.path.join(os.path.dirname(sys.executable), name)
    return beside if os.path.exists(beside) else name


def free_port():
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def accounts(seed_path):
    """tempest's accounts.yaml entries for the seed's users.

    Members come first: tempest gives a class's alt credentials from the
    first free non-admin account, which must be in another project than
    the primary's, not its reader in the same project.
    """
    with open(seed_path) as f:
        users = yaml.safe_load(f)['users']
    entries = [{'username': u['name'], 'password': u['password'],
                'project_name': u['project'], 'domain_name': 'Default',
                'roles': list(u.get('roles', ['member']))}
               for u in users]
    rank = {'member': 0, 'reader': 1, 'manager': 2}
    entries.sort(key=lambda e: min(rank.get(r, 3) for r in e['roles']))
    return entries


def tempest_conf(base, workspace, concurrency):
    features = '\n'.join('%s = %s' % kv for kv in sorted(FEATURES.items()))
    return f"""[DEFAULT]
log_file = {workspace}/tempest.log
use_stderr = False

[oslo_concurrency]
lock_path = {workspace}/locks

[auth]
use_dynamic_credentials = False
test_accounts_file = {workspace}/etc/accounts.yaml
default_credentials_domain_name = Default
create_isolated_networks = False
admin_username = {ADMIN['username']}
admin_password = {ADMIN['password']}
admin_project_name = {ADMIN['project_name']}
admin_domain_name = Default

[identity]
uri_v3 = {base}/identity/v3
auth_version = v3
region = RegionOne
v3_endpoint_type = public

[identity-feature-enabled]
api_v2 = False
api_v3 = True

[service_available]
nova = True
glance = True
neutron = False
cinder = False
swift = False
placement = False
horizon = False

[compute]
image_ref = {IMAGE}
image_ref_alt = {IMAGE_ALT}
flavor_ref = 1
flavor_ref_alt = 2
min_microversion = 2.1
max_microversion = latest
build_interval = 1
build_timeout = 60
ready_wait = 0
min_compute_nodes = 2
region = RegionOne
endpoint_type = publicURL

[compute-feature-enabled]
{features}
scheduler_enabled_filters = {FILTERS}

[image]
build_interval = 1
build_timeout = 60

[image-feature-enabled]
api_v1 = False
api_v2 = True

[validation]
run_validation = False

[network]
public_network_id = {PUBLIC_NETWORK_ID}

[network-feature-enabled]
ipv6 = False
"""


def wait_up(url, proc, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit('fakenova-api exited with %s' % proc.returncode)
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit('fakenova-api did not answer %s in %ss' % (url, timeout))


def summary(output):
    """(passed, failed, skipped) from tempest run's totals."""
    counts = {}
    for key in ('Passed', 'Failed', 'Skipped'):
        found = re.findall(r'^ - %s: (\d+)$' % key, output, re.M)
        counts[key] = int(found[-1]) if found else 0
    return counts['Passed'], counts['Failed'], counts['Skipped']


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--regex', default=None,
                        help='tests to run (default: %s)' % DEFAULT_REGEX)
    parser.add_argument('--expected', action='store_true',
                        help='run exactly the tests of expected-pass.txt')
    parser.add_argument('--include-list', default=None,
                        help='a file of test ids/regexes to run')
    parser.add_argument('--concurrency', type=int, default=2)
    parser.add_argument('--workspace', default=None,
                        help='keep the workspace (tempest.conf, logs, '
                        'results) here instead of a temporary directory')
    parser.add_argument('--pacing', default=None,
                        help="fakenova-api's --pacing (default: its own, "
                        "seconds; instant runs tempest about ten times "
                        "faster)")
    parser.add_argument('--seconds', type=float, default=None,
                        help="fakenova-api's --seconds (with --pacing "
                        "seconds)")
    parser.add_argument('--subunit', default=None,
                        help='also write the results as subunit here')
    parser.add_argument('--passed-list', default=None,
                        help='write the names of the tests that passed here')
    args = parser.parse_args(argv)

    workspace = args.workspace or tempfile.mkdtemp(prefix='fakenova-tempest.')
    os.makedirs(os.path.join(workspace, 'etc'), exist_ok=True)
    port = free_port()
    base = 'http://127.0.0.1:%d' % port
    with open(os.path.join(workspace, 'etc', 'accounts.yaml'), 'w') as f:
        yaml.safe_dump(accounts(SEED), f, default_flow_style=False)
    with open(os.path.join(workspace, 'etc', 'tempest.conf'), 'w') as f:
        f.write(tempest_conf(base, workspace, args.concurrency))

    api_log = open(os.path.join(workspace, 'fakenova-api.log'), 'w')
    command = [sys.executable, '-m', 'fakenova.cmd.api',
               '--host', '127.0.0.1', '--port', str(port), '--seed', SEED,
               '--consoles', 'vnc,spice,serial,mks', '--threads', '8',
               '--log-level', 'WARNING']
    if args.pacing:
        command += ['--pacing', args.pacing]
    if args.seconds is not None:
        command += ['--seconds', str(args.seconds)]
    api = subprocess.Popen(command, stdout=api_log,
                           stderr=subprocess.STDOUT)
    try:
        wait_up(base + '/', api)
        conf = os.path.join(workspace, 'etc', 'tempest.conf')
        cmd = [tool('tempest'), 'run', '--config-file', conf,
               '--concurrency', str(args.concurrency)]
        expected = read_list(EXPECTED) if args.expected else None
        if expected is not None:
            # Exactly these tests (a name is a prefix of its id, which
            # goes on with "[id-...]").
            include = os.path.join(workspace, 'include-list.txt')
            with open(include, 'w') as f:
                f.writelines('^%s\\[\n' % re.escape(name)
                             for name in expected)
            cmd += ['--include-list', include]
        elif args.include_list:
            cmd += ['--include-list', args.include_list]
        else:
            cmd += ['--regex', args.regex or DEFAULT_REGEX]
        print('==> fakenova-api on %s; workspace %s' % (base, workspace))
        print('==> ' + ' '.join(cmd), flush=True)
        run = subprocess.run(cmd, cwd=workspace,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             universal_newlines=True)
        with open(os.path.join(workspace, 'tempest-run.log'), 'w') as f:
            f.write(run.stdout)
        if args.subunit:
            with open(args.subunit, 'wb') as f:
                subprocess.run([tool('stestr'), 'last', '--subunit'],
                               cwd=workspace,
                               stdout=f)
        outcome = results(run.stdout)
        for name, result in sorted(outcome.items()):
            if result == 'FAILED':
                print('FAILED: ' + name)
        if args.passed_list:
            with open(args.passed_list, 'w') as f:
                f.writelines(name + '\n' for name, result
                             in sorted(outcome.items()) if result == 'ok')
        passed, failed, skipped = summary(run.stdout)
        rc = run.returncode
        if expected is not None:
            # Every listed test must have run and passed.
            missing = [name for name in expected
                       if outcome.get(name) != 'ok']
            for name in missing:
                print('EXPECTED TO PASS: %s (%s)' % (
                    name, outcome.get(name, 'did not run')))
            failed = max(failed, len(missing))
            passed = len(expected) - len(missing)
            rc = rc or (1 if missing else 0)
        print('tempest: %d passed, %d failed, %d skipped (exit %d)'
              % (passed, failed, skipped, rc))
        if passed + failed == 0:
            print(run.stdout[-3000:])
            return rc or 1
        return rc
    finally:
        api.terminate()
        try:
            api.wait(10)
        except subprocess.TimeoutExpired:
            api.kill()
        api_log.close()
        if not args.workspace:
            shutil.rmtree(workspace, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
