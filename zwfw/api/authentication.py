"""Bearer-token authentication against accounts.ApiToken (digest lookup, expiry, revocation)."""

from rest_framework import authentication, exceptions

from zwfw.accounts.tokens import api_token_authenticate


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        parts = header.split()
        if parts[0] != self.keyword:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed()
        token = api_token_authenticate(key=parts[1])
        if token is None:
            raise exceptions.AuthenticationFailed()
        return (token.user, token)  # request.auth is the token: signing out revokes it

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'
