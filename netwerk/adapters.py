from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs up: a coordinator or an admin creates or invites every account."""

    def is_open_for_signup(self, request) -> bool:
        return False
