#!/usr/bin/env python3
# A test OMS for trying outage reports on one machine: it prints every request the switch POSTs
# and answers each as the OMS of a utility that has no account for the number (GENERIC_JSON).
# Run it with: python3 docs/samples/test-oms.py 18096
# and point an account at it with ConfigureOmsEndpoint (url http://127.0.0.1:18096/outage).
# See docs/operator-guide.md, "Outage reports to the utility's OMS".
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ANSWER = {"result": "NOT_IN_RECORDS",
          "reply": "This number does not appear in our records. Please call 1-800-555-0199."}


class TestOms(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode("utf-8")
        print(self.requestline)
        print(str(self.headers).strip())
        print()
        print(body, flush=True)
        answer = json.dumps(ANSWER).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 18096
    print("Test OMS listening on http://127.0.0.1:%d/" % port, flush=True)
    ThreadingHTTPServer(("127.0.0.1", port), TestOms).serve_forever()
