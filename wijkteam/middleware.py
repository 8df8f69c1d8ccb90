class PermissionsPolicyMiddleware:
    """No page of Wijkteam needs the camera, microphone, location or payment APIs."""

    BELEID = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.BELEID)
        return response
