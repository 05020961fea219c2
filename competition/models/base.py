"""What every model module shares: the student-ID normalisation and the API's permission codenames."""


def normalise_identification(raw: str) -> str:
    """A student ID as stored and compared: lowercase, without any whitespace ("R 0999002" -> "r0999002").

    The one normalisation of the kiosk's scans, the API, the import and the admin.
    """
    return "".join((raw or "").split()).lower()


def rest_permissions(model: str, *actions: str) -> list[tuple[str, str]]:
    """The rest_<action>_<model> codenames of SPEC section 7 for one model."""
    return [(f"rest_{action}_{model}", f"API: {action} {model}") for action in actions]


CRUD = ("list", "retrieve", "create", "update", "destroy")
