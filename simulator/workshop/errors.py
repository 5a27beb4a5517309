"""The workshop's errors: one family, so that one ``except WorkshopError`` catches them all.

The UI shows the message as it is: each names the field at fault and what is allowed.
"""


class WorkshopError(ValueError):
    """Input the workshop cannot accept; the message names the field and what is allowed.

    Every error the store raises about its callers' input is a WorkshopError (or a subclass:
    RoomNotFound, RoundLocked, RoundMovedOn, NotAllowed), whatever the input: text with NUL or lone
    surrogates, numbers beyond any database integer, NaN, a parameter value of 10**400.
    Inputs are checked before they reach the database, so no driver error leaks out.

    Attributes:
        field: The field at fault (``display_name``, ``forecast``, a parameter name, ...).
    """

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field


class RoomNotFound(WorkshopError):
    """No room has this join code: mistyped, or the database was reset."""


class RoundLocked(WorkshopError):
    """The round takes no more submissions: the facilitator locked it or started the next."""


class RoundMovedOn(WorkshopError):
    """A facilitator action for a round that is no longer the current one: nothing changed.

    A page shows one round; a press that arrives after the room moved on (a second tab, a
    late click) must not lock or reveal the next round instead.

    Attributes:
        field: ``round_number``.
        round_number: The round the action was for.
        current: The room's current round.
    """

    def __init__(self, round_number: int, current: int):
        super().__init__(
            "round_number",
            f"round {round_number} is no longer the current round: round {current} is under "
            "way (another tab or a late click?); nothing changed",
        )
        self.round_number = round_number
        self.current = current


class NotAllowed(WorkshopError, PermissionError):
    """A wrong facilitator key, or a participant token this room does not know.

    Also a PermissionError, as it always was; a WorkshopError so that one ``except`` catches
    every error of the store.

    Attributes:
        field: ``facilitator_key`` or ``participant_token``.
    """
