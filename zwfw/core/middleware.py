from .context import RequestContext, client_ip, reset_request_context, set_request_context
from .errors import DomainError, db_refusal
from .views import domain_error_response


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


class DomainErrorMiddleware:
    """Turns a DomainError that no view caught into its page (zwfw.core.views): one mapping for
    every portal and workbench section. API views never get here: DRF renders their errors."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError):
            return domain_error_response(request, exception)
        mapped = db_refusal(exception)
        if mapped is not None:  # a trigger refused a write that stands for a domain rule
            return domain_error_response(request, mapped)
        return None
