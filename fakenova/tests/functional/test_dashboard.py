"""The /_fakenova/ dashboard in a real browser (headless Chromium).

A server created and paused through the compute API must appear in the
dashboard's table with its status, without reloading the page: the page's
own script polls the control API. Needs Debian's ``chromium`` and
``chromium-driver`` (``.ci/run`` installs them when missing); elsewhere
the tests skip unless ``CI=true``, where a missing browser fails them.

``python -m fakenova.tests.functional.test_dashboard PATH.png`` writes the
README's screenshot (``doc/dashboard.png``) from the demo seed.
"""

import os
import shutil
import sys
import tempfile

import testtools

from fakenova.tests.functional import test_standalone

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # pragma: no cover - selenium is a test requirement
    webdriver = None

WAIT = 20  # seconds; the page refreshes every 2


def _find(*names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


CHROMIUM = _find('chromium', 'chromium-browser', 'google-chrome')
CHROMEDRIVER = _find('chromedriver')
MISSING = (None if webdriver and CHROMIUM and CHROMEDRIVER else
           'needs selenium, chromium and chromedriver (apt-get install '
           'chromium chromium-driver)')


def chromium(profile_dir, width=1100, height=700):
    """A headless Chromium WebDriver that never reaches the network."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ('--headless=new', '--no-sandbox', '--disable-gpu',
                 '--disable-dev-shm-usage', '--disable-quic',
                 '--no-first-run', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync',
                 '--disable-extensions', '--user-data-dir=' + profile_dir,
                 '--window-size=%d,%d' % (width, height)):
        options.add_argument(flag)
    options.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


# One script call reads a whole table: the page rebuilds its tables every
# 2 s, so reading cell by cell could straddle a rebuild.
_READ_TABLE = ('return Array.from(document.getElementById(arguments[0]).rows,'
               ' function (r) { return Array.from(r.cells,'
               ' function (c) { return c.textContent; }); });')


def rows(driver, table_id):
    """The table's body rows as dicts keyed by its header cells."""
    lines = driver.execute_script(_READ_TABLE, table_id)
    if not lines:
        return []
    return [dict(zip(lines[0], line)) for line in lines[1:]]


@testtools.skipIf(MISSING and not test_standalone.slow_tests_enabled(),
                  MISSING)
class DashboardBrowserTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        if MISSING:
            self.fail('CI needs the browser: ' + MISSING)
        self.server = self.useFixture(test_standalone.FakeNovaProcess())
        self.url = self.server.url
        profile = tempfile.mkdtemp(prefix='fakenova-chromium-')
        self.addCleanup(shutil.rmtree, profile, ignore_errors=True)
        self.driver = chromium(profile)
        self.addCleanup(self.driver.quit)
        self.driver.set_page_load_timeout(WAIT)

    def wait_for_server(self, server_id, status):
        """Wait until the servers table shows ``server_id`` in ``status``."""
        def shown(driver):
            for row in rows(driver, 'servers'):
                if row.get('id') == server_id and row['status'] == status:
                    return row
            return False
        return WebDriverWait(self.driver, WAIT, poll_frequency=0.2).until(
            shown, 'server %s never showed as %s; the table had %r' % (
                server_id, status, rows(self.driver, 'servers')))

    def test_server_created_through_the_api_appears_with_its_status(self):
        self.driver.get(self.url + '/_fakenova/')
        self.assertEqual('fakenova', self.driver.title)
        self.assertEqual([], rows(self.driver, 'servers'))

        sess = test_standalone.keystone_session(self.url)
        resp = sess.post(self.url + '/v2.1/servers', json={'server': {
            'name': 'browser-vm', 'flavorRef': '1',
            'imageRef': test_standalone.IMAGE_ID}})
        self.assertEqual(202, resp.status_code)
        server_id = resp.json()['server']['id']

        row = self.wait_for_server(server_id, 'ACTIVE')
        self.assertEqual('browser-vm', row['name'])
        self.assertEqual('active', row['vm_state'])
        self.assertEqual('', row['task_state'])
        self.assertEqual('false', row['locked'])

        sess.post(self.url + '/v2.1/servers/%s/action' % server_id,
                  json={'pause': None})
        sess.post(self.url + '/v2.1/servers/%s/action' % server_id,
                  json={'lock': None})
        row = self.wait_for_server(server_id, 'PAUSED')
        self.assertEqual('paused', row['vm_state'])
        self.assertEqual('true', row['locked'])

        calls = rows(self.driver, 'calls')
        action = '/v2.1/servers/%s/action' % server_id
        self.assertIn(('POST', action, 'pause', '202'),
                      [(c['method'], c['path'], c['action'], c['status'])
                       for c in calls])
        self.assertTrue(all(c['request_id'].startswith('req-')
                            for c in calls))
        summary = self.driver.find_element(By.ID, 'summary').text
        self.assertIn('1 servers', summary)
        # The page's script ran without errors (nor any blocked by its
        # Content-Security-Policy).
        errors = [entry for entry in self.driver.get_log('browser')
                  if entry['level'] == 'SEVERE']
        self.assertEqual([], errors)

    def test_script_refresh_renders_what_the_server_rendered(self):
        admin = test_standalone.keystone_session(self.url, 'admin')
        for spec in ({'name': 'locked-vm', 'locked': True,
                      'metadata': {'k': 'v'}},
                     {'name': 'off-vm', 'status': 'SHUTOFF'}):
            resp = admin.post(self.url + '/_fakenova/servers', json=spec)
            self.assertEqual(201, resp.status_code)
        admin.post(self.url + '/_fakenova/faults', json={
            'kind': 'delay', 'action': 'pause', 'seconds': 0.1})
        self.driver.get(self.url + '/_fakenova/')
        tables = ('servers', 'faults', 'calls')
        first = {t: rows(self.driver, t) for t in tables}
        self.assertEqual(2, len(first['servers']))
        # refresh() returns its promise; run it now rather than in 2 s.
        self.driver.execute_async_script(
            'var done = arguments[0]; refresh().then(done, done);')
        self.assertEqual(first, {t: rows(self.driver, t) for t in tables})
        self.assertEqual(
            {'locked-vm': 'true', 'off-vm': 'false'},
            {r['name']: r['locked'] for r in first['servers']})

    def test_active_fault_is_listed(self):
        self.driver.get(self.url + '/_fakenova/')
        self.assertEqual([], rows(self.driver, 'faults'))
        admin = test_standalone.keystone_session(self.url, 'admin')
        resp = admin.post(self.url + '/_fakenova/faults', json={
            'kind': 'fail', 'action': 'reboot', 'status': 409,
            'times': 2})
        self.assertEqual(201, resp.status_code)

        def listed(driver):
            return rows(driver, 'faults') or False
        faults = WebDriverWait(self.driver, WAIT, 0.2).until(listed)
        self.assertEqual(1, len(faults))
        self.assertEqual('fail', faults[0]['kind'])
        self.assertEqual('compute:action:reboot', faults[0]['operation'])
        self.assertEqual('2', faults[0]['times'])
        self.assertIn('409', faults[0]['detail'])


def screenshot(path):
    """Save the dashboard (demo seed, a few calls, a fault) as a PNG."""
    server = test_standalone.FakeNovaProcess(args=['--seed', os.path.join(
        test_standalone.REPO, 'etc', 'seed-demo.yaml')])
    with server, tempfile.TemporaryDirectory() as profile:
        url = server.url
        sess = test_standalone.keystone_session(url)
        admin = test_standalone.keystone_session(url, 'admin')
        ids = {s['name']: s['id'] for s in sess.get(
            url + '/v2.1/servers').json()['servers']}

        def act(name, body):
            sess.post(url + '/v2.1/servers/%s/action' % ids[name],
                      json=body, raise_exc=False)
        act('demo-web', {'pause': None})
        act('demo-db', {'pause': None})  # SHUTOFF: 409
        admin.put(url + '/_fakenova/pacing', json={'pacing': 'manual'})
        act('demo-db', {'unlock': None})
        act('demo-db', {'os-start': None})  # stays powering-on
        admin.post(url + '/_fakenova/faults', json={
            'kind': 'fail', 'action': 'reboot', 'status': 409})
        driver = chromium(profile, 1240, 660)
        try:
            driver.get(url + '/_fakenova/')
            driver.save_screenshot(path)
        finally:
            driver.quit()


if __name__ == '__main__':
    screenshot(sys.argv[1] if len(sys.argv) > 1 else 'dashboard.png')
