"""bench.web's clients: one asyncio loop speaking just enough HTTP/1.1 to read gunicorn's answers
(a length, chunks, or to the end of the connection), each client on one kept-alive connection
unless asked for a new one every request, and every answer that is not a 200 counted."""

import http.server
import threading
import time

import pytest

from bench import web

BODY = b"x" * 70_000  # bigger than a read's buffer, as a page is


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    connections: set = set()

    def setup(self):
        super().setup()
        Handler.connections.add(self.client_address)

    def do_GET(self):
        assert "sessionid=abc" in self.headers.get("Cookie", "")
        if self.path == "/length":
            self.send_response(200)
            self.send_header("Content-Length", str(len(BODY)))
            self.end_headers()
            self.wfile.write(BODY)
        elif self.path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (BODY[:30_000], BODY[30_000:]):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        elif self.path == "/hang":
            time.sleep(2)
        elif self.path == "/to-the-end":
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(BODY)
            self.close_connection = True
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Handler.connections = set()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def test_each_client_keeps_its_connection_and_reads_every_kind_of_body(server):
    latencies, errors = web.load(server, "sessionid=abc", ["/length", "/chunked"], 3, 30, 30)
    assert len(latencies) == 30 and errors == 0
    assert len(Handler.connections) == 3  # one per client, kept alive through its ten requests


def test_fresh_connections_a_body_to_the_end_and_errors_counted(server):
    latencies, errors = web.load(server, "sessionid=abc", ["/to-the-end", "/missing"], 2, 10, 30, fresh=True)
    assert len(latencies) == 10 and errors == 5
    assert len(Handler.connections) == 10

    calls = []
    latencies, errors = web.load(server, "sessionid=abc", ["/to-the-end"], 1, 4, 30, after=lambda: calls.append(1))
    assert len(latencies) == 4 and errors == 0 and len(calls) == 4  # reconnects after each close


def test_no_answer_in_time_is_an_error_and_a_failing_client_fails_the_load(server, monkeypatch):
    monkeypatch.setattr(web, "REQUEST_TIMEOUT", 0.3)
    latencies, errors = web.load(server, "sessionid=abc", ["/hang", "/length"], 2, 4, 30)
    assert len(latencies) == 4 and errors == 2

    def broken():
        raise RuntimeError("the reference loop failed")

    with pytest.raises(RuntimeError, match="reference loop"):
        web.load(server, "sessionid=abc", ["/length"], 1, 3, 30, after=broken)
