from .context import RequestContext, client_ip, reset_request_context, set_request_context


class RequestContextMiddleware:
    """Makes the client address available to audit_record for the length of the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_request_context(RequestContext(ip=client_ip(request)))
        try:
            return self.get_response(request)
        finally:
            reset_request_context(token)
