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
