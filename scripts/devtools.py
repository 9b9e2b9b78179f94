"""Headless Chromium over the DevTools protocol, for the web studio's browser tests
(scripts/live-view-check, scripts/new-project-check): start it, evaluate JavaScript in the
page, wait for the studio to be drawn. Needs websocket-client (scripts/bootstrap --test)."""
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

try:
    import websocket  # websocket-client
except ImportError:
    print("websocket-client is not installed (scripts/bootstrap --test installs it)", file=sys.stderr)
    sys.exit(3)


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="reel-browser-")
        self.chrome = subprocess.Popen(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
                                        f"--user-data-dir={self.profile}", "about:blank"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        # Chromium says where its DevTools listen on stderr.
        endpoint = None
        for line in self.chrome.stderr:
            if "DevTools listening on" in line:
                endpoint = line.split("DevTools listening on ")[1].strip()
                break
        if endpoint is None:
            self.close()
            sys.exit(f"chromium ended without opening DevTools (exit {self.chrome.poll()})")
        # The rest of its stderr is read and dropped, so a chatty Chromium never blocks on a full pipe.
        threading.Thread(target=lambda: [None for _ in self.chrome.stderr], daemon=True).start()
        port = endpoint.split(":")[2].split("/")[0]
        target = next(t for t in json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json")) if t["type"] == "page")
        self.ws = websocket.create_connection(target["webSocketDebuggerUrl"])
        self.counter = 0
        self.call("Page.enable")

    def call(self, method, **params):
        self.counter += 1
        self.ws.send(json.dumps({"id": self.counter, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.counter:
                return message.get("result", {})

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True) \
            .get("result", {}).get("value")

    def wait(self, expression, seconds=60):
        """Waits until `expression` is truthy; gives up after `seconds` so a broken page fails its test instead of hanging it.
        A DOM node comes back as `{}`, which Python reads as false: test for one with `!!expression`."""
        start = time.time()
        value = self.evaluate(expression)
        while not value and time.time() - start < seconds:
            time.sleep(0.05)
            value = self.evaluate(expression)
        return value

    def open(self, url):
        """Navigates and waits for the studio to mark its page drawn."""
        self.call("Page.navigate", url=url)
        self.wait("document.body && document.body.dataset.ready === 'true'")

    def close(self):
        self.chrome.kill()
        self.chrome.wait()
        shutil.rmtree(self.profile, ignore_errors=True)
