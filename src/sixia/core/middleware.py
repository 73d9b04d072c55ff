from sixia.core import context


def client_ip(request) -> str:
    # Behind a reverse proxy, deployments set SIXIA_TRUST_X_FORWARDED_FOR; we only read REMOTE_ADDR here.
    return request.META.get("REMOTE_ADDR", "")


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        channel = "api" if request.path.startswith("/api/") else "web"
        user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
        token = context.set_current(context.RequestContext(user=user, ip=client_ip(request), channel=channel))
        try:
            return self.get_response(request)
        finally:
            context.reset(token)


# Machine APIs that check their own query strings and must answer in their own error format (Open311's error
# array, JSON or XML): the NUL check leaves them to it.
OWN_ERROR_FORMATS = ("/open311/",)


class InputGuardMiddleware:
    """Refuses, before a view runs, what no view should have to handle (issue 14):

    - a body larger than the upload limit, from its ``Content-Length`` alone, before a byte of it is read
      (413; Django streams file uploads to disk whatever their size, so its own limits do not stop them);
    - a query string carrying a NUL character (400; PostgreSQL refuses NUL in any text parameter);
    and turns a ``DomainError`` that a page view let through into that page's 4xx answer in the page's
    language instead of a 500 (the API has its own handlers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from sixia.core import uploads
        from sixia.core.errors import InvalidInput

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > uploads.max_request_bytes():
            return self._refusal(request, InvalidInput(
                "request_too_large", f"请求内容超过大小限制（{uploads.max_request_bytes() // 1024 // 1024} MB）",
                "the request body is larger than the limit"), status=413)
        if not request.path.startswith(OWN_ERROR_FORMATS) and any(
                "\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values):
            return self._refusal(request, InvalidInput("nul_character", "查询参数不能包含空字符（NUL）",
                                                       "query parameters must not contain NUL characters"),
                                 status=400)
        return self.get_response(request)

    def process_exception(self, request, exception):
        from sixia.core.errors import DomainError

        if isinstance(exception, DomainError) and not request.path.startswith("/api/"):
            return self._refusal(request, exception, status=exception.status)
        return None

    @staticmethod
    def _refusal(request, exc, *, status: int):
        from django.http import JsonResponse
        from django.shortcuts import render

        from sixia.core.errors import error_text

        if request.path.startswith("/api/"):
            return JsonResponse(exc.as_dict(), status=status)
        template = "web/refused.html" if status == 403 else "web/input_refused.html"
        return render(request, template, {"message": error_text(exc)}, status=status)
