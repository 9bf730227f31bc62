"""Shared by the Python-side scripts: a transport for azure-eventgrid that never touches the network."""
from azure.core.pipeline.transport import HttpResponse, HttpTransport


class Answer200(HttpResponse):
    """An empty 200 response."""

    def __init__(self, request):
        super().__init__(request, None)
        self.status_code = 200
        self.reason = "OK"
        self.headers = {}
        self.content_type = None

    def body(self):
        return b""


class InstantTransport(HttpTransport):
    """Answers 200 at once; `requests` keeps what was sent when `record` is true."""

    def __init__(self, record=False):
        self.record = record
        self.requests = []

    def __enter__(self):
        return self

    def __exit__(self, *args):
        pass

    def open(self):
        pass

    def close(self):
        pass

    def send(self, request, **kwargs):
        if self.record:
            self.requests.append(request)
        return Answer200(request)
