"""Domain errors: a machine-readable code, an HTTP status, and a message a person can act on."""


class DomainError(Exception):
    status = 409
    code = "conflict"

    def __init__(self, detail: str, *, code: str | None = None, status: int | None = None, **extra):
        super().__init__(detail)
        self.detail = detail
        if code:
            self.code = code
        if status:
            self.status = status
        self.extra = extra

    def as_payload(self) -> dict:
        return {"detail": self.detail, "code": self.code, **self.extra}


class InvalidInput(DomainError):
    status = 400
    code = "invalid"


class NotFound(DomainError):
    status = 404
    code = "not_found"
