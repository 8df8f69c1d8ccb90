from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class GebruikerMetTeamBackend(ModelBackend):
    """Django's model backend, loading the logged-in user with their team in one query: the
    team scopes most pages and names the organisation in every access-log row."""

    def get_user(self, user_id):
        gebruikers = get_user_model()._default_manager.select_related("team")
        user = gebruikers.filter(pk=user_id).first()
        if user is None:
            return None
        return user if self.user_can_authenticate(user) else None
