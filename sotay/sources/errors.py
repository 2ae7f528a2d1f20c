"""The error of a file that cannot be read."""


class InputError(Exception):
    """A file that cannot be imported; the message names it and says why, in Vietnamese."""
